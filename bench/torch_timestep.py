#!/usr/bin/env python3
"""Reference timing of the time-step attention experiment in PyTorch on the
CPU, for comparison with `attention-playground timestep` and bench_engine's
BM_TimestepEpoch.

The same model and sizes as the engine's (the Keras attention_3d_block
experiment, attention after the LSTM):
    h = LSTM(D -> U)(x), every step              (B, T, U)
    a = softmax over time of Linear(T -> T) applied to h^T per unit
    p = sigmoid(Linear(T*U -> 1)(flatten(h * a)))
binary cross-entropy, Adam (lr 1e-3), batches of 64, one epoch over n
samples with x ~ N(0, 10^2), y in {0, 1}, x[:, K, :] = y, then the test
accuracy and attention on 300 fresh samples.

Prints one line per run and, as the last line, JSON with the median wall
time of the whole run (data, one epoch, test) and of the epoch alone.

Usage: /usr/bin/python3 bench/torch_timestep.py [--threads 2] [--repeat 5]
Not run in CI: it needs PyTorch (Debian's python3-torch is enough).
"""
import argparse
import json
import statistics
import time

import torch


class Model(torch.nn.Module):
    def __init__(self, steps, dim, units):
        super().__init__()
        self.lstm = torch.nn.LSTM(dim, units, batch_first=True)
        self.attention = torch.nn.Linear(steps, steps)
        self.out = torch.nn.Linear(steps * units, 1)

    def forward(self, x):
        h, _ = self.lstm(x)                                   # (B, T, U)
        a = torch.softmax(self.attention(h.transpose(1, 2)), dim=-1)  # (B, U, T)
        m = h * a.transpose(1, 2)
        return self.out(m.flatten(1)).squeeze(1), a


def data(n, steps, dim, k, gen):
    x = torch.randn(n, steps, dim, generator=gen) * 10.0
    y = torch.randint(0, 2, (n,), generator=gen).float()
    x[:, k, :] = y.unsqueeze(1)
    return x, y


def run(args, seed):
    start = time.perf_counter()
    gen = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    x, y = data(args.samples, args.steps, args.input_dim, args.informative, gen)
    xt, yt = data(300, args.steps, args.input_dim, args.informative, gen)
    model = Model(args.steps, args.input_dim, args.units)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    epoch_start = time.perf_counter()
    order = torch.randperm(args.samples, generator=gen)
    for i in range(0, args.samples, args.batch):
        idx = order[i:i + args.batch]
        opt.zero_grad()
        z, _ = model(x[idx])
        loss = loss_fn(z, y[idx])
        loss.backward()
        opt.step()
    epoch = time.perf_counter() - epoch_start
    with torch.no_grad():
        z, a = model(xt)
        accuracy = ((z > 0).float() == yt).float().mean().item()
        attention = a.mean(dim=(0, 1))
    total = time.perf_counter() - start
    return total, epoch, accuracy, attention


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--informative", type=int, default=2)
    p.add_argument("--input-dim", type=int, default=2)
    p.add_argument("--units", type=int, default=32)
    p.add_argument("--samples", type=int, default=30000)
    p.add_argument("--batch", type=int, default=64)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    totals, epochs = [], []
    for r in range(args.repeat):
        total, epoch, accuracy, attention = run(args, r)
        totals.append(total)
        epochs.append(epoch)
        peak = int(attention.argmax())
        print(f"run {r + 1}: {total:.3f} s (epoch {epoch:.3f} s), accuracy {accuracy:.3f}, "
              f"attention peaks at step {peak} ({attention[peak].item():.3f})", flush=True)
    print(json.dumps({"threads": args.threads, "repeat": args.repeat,
                      "median_seconds": statistics.median(totals),
                      "median_epoch_seconds": statistics.median(epochs)}))


if __name__ == "__main__":
    main()
