#pragma once
#include <chrono>
#include <cstdio>
#include <cstdlib>
inline void phase(const char* what) {
    static auto start = std::chrono::steady_clock::now();
    if (!std::getenv("NEWSINDEX_TIMING")) return;
    std::fprintf(stderr, "[%8.2f s] %s\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), what);
}
