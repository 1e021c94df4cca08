# The attention readers' fuzzers, registered with ap_add_fuzzer() of
# tests/fuzz/CMakeLists.txt (include this file there, after the function).
# Each reads its input as an in-memory buffer of exactly that size and
# converts every slice of what it accepts.
ap_add_fuzzer(NAME fuzz_npy SOURCES fuzz_npy.cpp DICT npy.dict
              SEEDS seeds/npy ${PROJECT_SOURCE_DIR}/tests/data/import)
ap_add_fuzzer(NAME fuzz_npz SOURCES fuzz_npz.cpp DICT npz.dict SEEDS seeds/npz)
ap_add_fuzzer(NAME fuzz_safetensors SOURCES fuzz_safetensors.cpp DICT safetensors.dict SEEDS seeds/safetensors)
ap_add_fuzzer(NAME fuzz_bertviz SOURCES fuzz_bertviz.cpp DICT bertviz.dict SEEDS seeds/bertviz)
ap_add_fuzzer(NAME fuzz_detect SOURCES fuzz_detect.cpp DICT detect.dict
              SEEDS seeds/detect seeds/npy seeds/npz seeds/safetensors seeds/bertviz)
