#!/usr/bin/python3
"""Writes the small attention files test_import reads, with numpy itself.

Every file holds value(l, h, i, j) = (l*1000 + h*100 + i*10 + j) / 8192
in its dtype, so the test knows the numbers without a second copy.
Run it from this folder; the outputs are committed.
"""
import json
import struct

import numpy as np


def tensor(shape, dtype):
    idx = np.indices(shape)
    # Pad on the left so (layers, heads, q, k) always line up.
    l, h, i, j = ([np.zeros(shape, int)] * (4 - len(shape))) + list(idx[-min(len(shape), 4):])
    return ((l * 1000 + h * 100 + i * 10 + j) / 8192).astype(dtype)


def safetensors(path, array, dtype_name, metadata):
    header = {"attentions": {"dtype": dtype_name, "shape": list(array.shape),
                             "data_offsets": [0, array.nbytes]},
              "__metadata__": metadata}
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        f.write(np.ascontiguousarray(array).astype(array.dtype.newbyteorder("<")).tobytes())


tokens = ["[CLS]", "the", "cat", ",", "sat", "[SEP]"]
np.save("f32_2x3x6x6.npy", tensor((2, 3, 6, 6), np.float32))
np.save("f16_3x6x6.npy", tensor((3, 6, 6), np.float16))
np.save("f64_6x6.npy", tensor((6, 6), np.float64))
np.save("batch_1x2x3x6x6.npy", tensor((1, 2, 3, 6, 6), np.float32))
np.save("fortran.npy", np.asfortranarray(tensor((6, 5), np.float32)))
np.save("int32.npy", np.zeros((2, 2), np.int32))
np.save("big_endian.npy", tensor((2, 2), ">f4"))
nan = tensor((2, 3, 6, 6), np.float32)
nan[1, 2, 3, 4] = np.nan
np.save("nan.npy", nan)
with open("f32_2x3x6x6.npy", "rb") as f:
    whole = f.read()
with open("truncated.npy", "wb") as f:
    f.write(whole[:-10])
np.savez("stored_tokens.npz", attentions=tensor((2, 3, 6, 6), np.float32), tokens=np.array(tokens))
np.savez_compressed("deflated_qk.npz", attentions=tensor((2, 3, 4, 6), np.float16),
                    query_tokens=np.array(["é", "日本", "x", "😀"]), key_tokens=np.array(tokens))
np.savez("wrong_tokens.npz", attentions=tensor((2, 3, 6, 6), np.float32), tokens=np.array(tokens[:5]))
np.savez("no_attentions.npz", weights=tensor((6, 6), np.float32))
safetensors("f32.safetensors", tensor((2, 3, 6, 6), np.float32), "F32", {"tokens": json.dumps(tokens)})
safetensors("f64.safetensors", tensor((2, 3, 6, 6), np.float64), "F64", {"tokens": json.dumps(tokens)})
with open("bertviz.json", "w") as f:
    json.dump({"attention": tensor((2, 3, 6, 6), np.float64).tolist(), "tokens": tokens}, f)
with open("bertviz_pair.json", "w") as f:
    json.dump({"attention": tensor((2, 3, 4, 6), np.float64).tolist(),
               "left_text": ["a", "b", "c", "d"], "right_text": tokens}, f)
with open("bertviz_nan.json", "w") as f:
    json.dump({"attention": nan.astype(np.float64).tolist(), "tokens": tokens}, f)
for version in ((2, 0), (3, 0)):
    with open("v%d.npy" % version[0], "wb") as f:
        np.lib.format.write_array(f, tensor((2, 3, 6, 6), np.float32), version=version)
