// How both commands allocate: through jemalloc, with its heap on transparent
// huge pages. jemalloc reads this symbol when it starts; MALLOC_CONF in the
// environment still overrides it.
//
// Linked into newsindex and newsquery, not into the libraries, so tests and
// sanitizer builds keep their own allocator (CMake: NEWSINDEX_JEMALLOC).
//
// Why: where the kernel gives huge pages only to memory that asks for them
// (transparent_hugepage "madvise", Debian's default), a process takes one
// page fault for each 4 KiB it first touches. On the bench's VM a fault costs
// about 10 µs, and a bulk ingest of the real corpus took 136,380 of them, a
// timeline of a word in half the gen100k versions 3,566. Where the kernel has
// no transparent huge pages, jemalloc leaves the setting unused.
extern "C" {
const char* malloc_conf = "thp:always";
}
