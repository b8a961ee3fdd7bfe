#!/usr/bin/env python3
"""Fits the FAQ plugin's QueryAdapter (session 40): a linear map W of the Chinese model's query vectors.

Input: a directory written by QueryAdapterDump (test sources). Output: W as little-endian float32, row by row (a query
vector q becomes W q, renormalised), the format QueryAdapter reads.

The loss, per case question, is the softmax over its KB's rows (the dot product of W q with each row, over
TEMPERATURE; W q is not renormalised here, as QueryAdapter renormalises it, and the L2 term keeps W's scale near the
identity's) of the rows of its expected entry, so the map is pulled towards any phrasing of the right entry and away from the closest wrong ones; an L2 term
keeps W near the identity. Full-batch Adam. Out-of-scope questions take no part. With --folds K --fold k it fits on
the case files outside fold k only (files dealt to folds by a seeded shuffle) and prints fold k's files, for
measuring the map on files it was not fitted on. Files are dealt by case-file name, so a KB with two case files
(the shop's) can be in two folds.

  python3 bot-plugins/faq/tools/fit-query-adapter.py DUMP_DIR OUT.bin [--folds 5 --fold 0]

Needs numpy.
"""
import argparse
import collections

import numpy as np

TEMPERATURE = 0.02
L2 = 0.01
STEPS = 200
LEARNING_RATE = 1e-3


def load(dump):
    queries = [line.rstrip('\n').split('\t') for line in open(f'{dump}/queries.tsv')]
    rows = [line.rstrip('\n').split('\t') for line in open(f'{dump}/rows.tsv')]
    r = np.fromfile(f'{dump}/rows.f32', '<f4')
    dimension = r.size // len(rows)  # the model's, as the dump wrote it
    r = r.reshape(-1, dimension)
    q = np.fromfile(f'{dump}/queries.f32', '<f4').reshape(-1, dimension)
    assert len(q) == len(queries) and len(r) == len(rows)
    qset = np.array([x[0] for x in queries])
    expected = np.array([int(x[1]) for x in queries])
    rset = np.array([x[0] for x in rows])
    entry = np.array([int(x[1]) for x in rows])
    read = np.array([x[2] == '1' for x in rows])
    data = collections.OrderedDict()
    for s in sorted(set(qset)):
        qm = (qset == s) & (expected >= 0)
        rm = (rset == s) & read
        if qm.any():
            data[s] = (q[qm], r[rm], entry[rm], expected[qm])
    return data


def fit(data, sets):
    dimension = next(iter(data.values()))[0].shape[1]
    w = np.eye(dimension)
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    for t in range(1, STEPS + 1):
        grad = np.zeros_like(w)
        total = 0
        for s in sets:
            q, r, entry, expected = data[s]
            logits = (q @ w.T) @ r.T / TEMPERATURE
            logits -= logits.max(1, keepdims=True)
            p = np.exp(logits)
            p /= p.sum(1, keepdims=True)
            right = entry[None, :] == expected[:, None]
            p_right = (p * right).sum(1, keepdims=True)
            d_logits = p - p * right / np.maximum(p_right, 1e-12)
            grad += (d_logits @ r / TEMPERATURE).T @ q
            total += len(q)
        grad = grad / total + L2 * (w - np.eye(dimension))
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        w -= LEARNING_RATE * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    return w


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('dump')
    parser.add_argument('out')
    parser.add_argument('--folds', type=int, default=0)
    parser.add_argument('--fold', type=int, default=0)
    args = parser.parse_args()
    data = load(args.dump)
    sets = list(data)
    if args.folds:
        order = np.random.RandomState(0).permutation(len(sets))
        held = [sets[i] for i in order[args.fold::args.folds]]
        print('\n'.join(held))
        sets = [s for s in sets if s not in held]
    fit(data, sets).astype('<f4').tofile(args.out)


if __name__ == '__main__':
    main()
