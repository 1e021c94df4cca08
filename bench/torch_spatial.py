#!/usr/bin/env python3
"""Reference run of the spatial attention experiment in PyTorch on the CPU,
for comparison with `attention-playground spatial`, on the very digits it
saved with --save-data.

The spatial transformer of PyTorch's tutorial ("Spatial Transformer Networks
Tutorial", after Jaderberg et al. 2015) adapted to the 40 x 40 canvas:
    localisation: Conv(1->8, 7) -> MaxPool 2 -> ReLU -> Conv(8->10, 5) ->
                  MaxPool 2 -> ReLU -> Linear(360 -> 32) -> ReLU ->
                  Linear(32 -> 6), zero weights and identity bias
    sampler:      affine_grid + grid_sample (bilinear, zero padding,
                  align_corners=False) to 28 x 28
    classifier:   the tutorial's MNIST net on the 28 x 28 sample: Conv(1->10,
                  5) -> MaxPool 2 -> ReLU -> Conv(10->20, 5) -> MaxPool 2 ->
                  ReLU -> Linear(320 -> 50) -> ReLU -> Linear(50 -> 10)
and the baseline, the same classifier on the canvas through the identity.
As in the engine: no dropout, inputs (x - 0.1) / 0.3 for the networks and
raw for the sampler, cross-entropy, Adam (a constant lr 3e-3 for every layer,
the engine's defaults when this was written, eps 1e-7), batches of 64, both
models on the same batches.

Prints one line per epoch and, as the last line, JSON with the keys of the
command: accuracy, baseline_accuracy, box_iou, angle_correlation, seconds
(wall time of loading, training both and testing).

Usage: /usr/bin/python3 bench/torch_spatial.py DATA.npz [--epochs 3] [--threads 2] [--seed 0]
Not run in CI: it needs PyTorch (Debian's python3-torch is enough).
"""
import argparse
import json
import math
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

MEAN, DEVIATION, SIDE = 0.1, 0.3, 28


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 10, 5)
        self.conv2 = nn.Conv2d(10, 20, 5)
        self.fc1 = nn.Linear(320, 50)
        self.fc2 = nn.Linear(50, 10)

    def forward(self, x):
        x = F.relu(F.max_pool2d(self.conv1(x), 2))
        x = F.relu(F.max_pool2d(self.conv2(x), 2))
        return self.fc2(F.relu(self.fc1(x.flatten(1))))


class Net(nn.Module):
    def __init__(self, transformer):
        super().__init__()
        self.transformer = transformer
        self.classifier = Classifier()
        if transformer:
            self.localization = nn.Sequential(
                nn.Conv2d(1, 8, 7), nn.MaxPool2d(2), nn.ReLU(True),
                nn.Conv2d(8, 10, 5), nn.MaxPool2d(2), nn.ReLU(True))
            self.fc_loc = nn.Sequential(nn.Linear(360, 32), nn.ReLU(True), nn.Linear(32, 6))
            self.fc_loc[2].weight.data.zero_()
            self.fc_loc[2].bias.data.copy_(torch.tensor([1, 0, 0, 0, 1, 0], dtype=torch.float))

    def theta(self, x):
        if not self.transformer:
            return torch.tensor([[1, 0, 0], [0, 1, 0]], dtype=torch.float).expand(x.shape[0], 2, 3)
        xs = self.localization((x - MEAN) / DEVIATION)
        return self.fc_loc(xs.flatten(1)).view(-1, 2, 3)

    def forward(self, x):
        theta = self.theta(x)
        grid = F.affine_grid(theta, (x.shape[0], 1, SIDE, SIDE), align_corners=False)
        sampled = F.grid_sample(x, grid, align_corners=False)
        return self.classifier((sampled - MEAN) / DEVIATION), theta


def clip(polygon, inside, cross):
    out = []
    for i, a in enumerate(polygon):
        b = polygon[(i + 1) % len(polygon)]
        if inside(a):
            out.append(a)
        if inside(a) != inside(b):
            out.append(cross(a, b))
    return out


def area(polygon):
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(polygon, polygon[1:] + polygon[:1]))) / 2


def iou(t, box, canvas):
    """The sampled region (the output square through theta) against the box, as the engine."""
    region = [((t[0] * x + t[1] * y + t[2] + 1) * canvas / 2, (t[3] * x + t[4] * y + t[5] + 1) * canvas / 2)
              for x, y in ((-1, -1), (1, -1), (1, 1), (-1, 1))]
    x0, y0, x1, y1 = (float(v) for v in box)
    p = region
    for edge, keep_above, axis in ((x0, True, 0), (x1, False, 0), (y0, True, 1), (y1, False, 1)):
        if not p:
            break

        def inside(v, e=edge, k=keep_above, a=axis):
            return v[a] >= e if k else v[a] <= e

        def cross(u, v, e=edge, a=axis):
            s = (e - u[a]) / (v[a] - u[a])
            return (e, u[1] + s * (v[1] - u[1])) if a == 0 else (u[0] + s * (v[0] - u[0]), e)

        p = clip(p, inside, cross)
    overlap = area(p) if len(p) >= 3 else 0.0
    union = area(region) + (x1 - x0) * (y1 - y0) - overlap
    return overlap / union if union > 0 else 0.0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("data")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--localisation-rate", type=float, default=1.0)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    start = time.perf_counter()
    d = np.load(args.data)
    x = torch.from_numpy(d["train_images"]).float().unsqueeze(1) / 255
    y = torch.from_numpy(d["train_labels"]).long()
    xt = torch.from_numpy(d["test_images"]).float().unsqueeze(1) / 255
    yt = torch.from_numpy(d["test_labels"]).long()
    stn, baseline = Net(True), Net(False)
    opts = []
    for model in (stn, baseline):
        groups = [{"params": model.classifier.parameters(), "lr": args.lr}]
        if model.transformer:
            loc = list(model.localization.parameters()) + list(model.fc_loc.parameters())
            groups.append({"params": loc, "lr": args.lr * args.localisation_rate})
        opts.append(torch.optim.Adam(groups, eps=1e-7))
    n = x.shape[0]
    for epoch in range(1, args.epochs + 1):
        order = torch.randperm(n)
        totals = [0.0, 0.0]
        for i in range(0, n, 64):
            idx = order[i:i + 64]
            for k, (model, opt) in enumerate(zip((stn, baseline), opts)):
                opt.zero_grad()
                logits, _ = model(x[idx])
                loss = F.cross_entropy(logits, y[idx])
                loss.backward()
                opt.step()
                totals[k] += loss.item() * len(idx)
        print(f"epoch {epoch}/{args.epochs}: loss {totals[0] / n:.4f} (baseline {totals[1] / n:.4f})", flush=True)
    with torch.no_grad():
        logits, theta = stn(xt)
        base_logits, _ = baseline(xt)
    accuracy = (logits.argmax(1) == yt).float().mean().item()
    baseline_accuracy = (base_logits.argmax(1) == yt).float().mean().item()
    t = theta.reshape(-1, 6).double().numpy()
    boxes = d["test_boxes"]
    ious = [iou(t[i], boxes[i], d["test_images"].shape[2]) for i in range(len(t))]
    learned = np.degrees(np.arctan2(t[:, 3] - t[:, 1], t[:, 0] + t[:, 4]))
    applied = d["test_angles"]
    corr = 0.0
    if np.std(applied) > 1e-9 and np.std(learned) > 1e-9:
        corr = float(np.corrcoef(applied, learned)[0, 1])
    print(json.dumps({"accuracy": accuracy, "baseline_accuracy": baseline_accuracy,
                      "box_iou": float(np.mean(ious)), "angle_correlation": corr,
                      "seconds": time.perf_counter() - start}))


if __name__ == "__main__":
    main()
