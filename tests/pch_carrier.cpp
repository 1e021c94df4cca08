// Compiles nothing of its own: the target it belongs to carries the
// precompiled header the test executables reuse (tests/CMakeLists.txt).
