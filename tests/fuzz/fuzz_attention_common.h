// What every attention-reader fuzzer does with a file that reads: convert
// every slice and label, so that a wrong size or offset the reader accepted
// shows up as an out-of-bounds read under AddressSanitizer.
#pragma once

#include "import/attention_tensor.h"

#include <cstdlib>

inline void exerciseTensor(const ap::import::ReadResult& r) {
    if (!r.ok) {
        if (r.error.empty()) std::abort();  // a failure always says why
        return;
    }
    const ap::import::AttentionTensor& t = *r.value;
    if (t.layers < 1 || t.heads < 1 || t.queries < 1 || t.keys < 1) std::abort();
    ap::Matrix m;
    for (int l = 0; l < t.layers; ++l)
        for (int h = 0; h < t.heads; ++h) {
            const ap::Status s = t.slice(l, h, m);
            if (!s && s.message.empty()) std::abort();  // nor does a slice's
            t.releaseSlice(l, h);
        }
    for (int i = 0; i < t.queries; ++i) (void)t.queryLabel(i);
    for (int j = 0; j < t.keys; ++j) (void)t.keyLabel(j);
}
