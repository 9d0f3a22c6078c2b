"""Times one training step of the lecture's networks in PyTorch, for the side-by-side speed comparison.

A workbench script, never run by the build. With PyTorch 1.13 (Debian: `apt-get install python3-torch`):

    /usr/bin/python3 reference/tools/pytorch_step_time.py names.txt

It builds the lecture's data split and runs the lecture's own training loop (minibatch, forward,
cross-entropy, zero grads, backward, SGD update; no statistics tracking) on one thread, after a
warm-up, for the one-hidden-layer network with and without BatchNorm and the six-layer networks,
and prints microseconds per step. Run `makemore bench` right after it, on the same machine.
"""
import random
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
words = open(sys.argv[1] if len(sys.argv) > 1 else 'names.txt').read().splitlines()
chars = sorted(set(''.join(words)))
stoi = {s: i + 1 for i, s in enumerate(chars)}
stoi['.'] = 0
block_size, vocab_size = 3, len(stoi)


def build(ws):
    X, Y = [], []
    for w in ws:
        context = [0] * block_size
        for ch in w + '.':
            ix = stoi[ch]
            X.append(context)
            Y.append(ix)
            context = context[1:] + [ix]
    return torch.tensor(X), torch.tensor(Y)


random.seed(42)
random.shuffle(words)
Xtr, Ytr = build(words[:int(0.8 * len(words))])


class Linear:
    def __init__(self, fan_in, fan_out, g, bias=True):
        self.weight = torch.randn((fan_in, fan_out), generator=g) / fan_in ** 0.5
        self.bias = torch.zeros(fan_out) if bias else None

    def __call__(self, x):
        self.out = x @ self.weight
        if self.bias is not None:
            self.out += self.bias
        return self.out

    def parameters(self):
        return [self.weight] + ([] if self.bias is None else [self.bias])


class BatchNorm1d:
    def __init__(self, dim, eps=1e-5, momentum=0.1):
        self.eps, self.momentum, self.training = eps, momentum, True
        self.gamma, self.beta = torch.ones(dim), torch.zeros(dim)
        self.running_mean, self.running_var = torch.zeros(dim), torch.ones(dim)

    def __call__(self, x):
        xmean, xvar = x.mean(0, keepdim=True), x.var(0, keepdim=True)
        self.out = self.gamma * (x - xmean) / torch.sqrt(xvar + self.eps) + self.beta
        with torch.no_grad():
            self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * xmean
            self.running_var = (1 - self.momentum) * self.running_var + self.momentum * xvar
        return self.out

    def parameters(self):
        return [self.gamma, self.beta]


class Tanh:
    def __call__(self, x):
        self.out = torch.tanh(x)
        return self.out

    def parameters(self):
        return []


def one_hidden(batchnorm):
    g = torch.Generator().manual_seed(2147483647)
    C = torch.randn((vocab_size, 10), generator=g)
    W1 = torch.randn((30, 200), generator=g) * (5 / 3) / 30 ** 0.5
    b1 = torch.randn(200, generator=g) * 0.01
    W2 = torch.randn((200, vocab_size), generator=g) * 0.01
    b2 = torch.randn(vocab_size, generator=g) * 0
    bngain, bnbias = torch.ones((1, 200)), torch.zeros((1, 200))
    state = {'mean': torch.zeros((1, 200)), 'std': torch.ones((1, 200))}
    params = [C, W1, W2, b2, bngain, bnbias] if batchnorm else [C, W1, b1, W2, b2]

    def forward(Xb):
        embcat = C[Xb].view(Xb.shape[0], -1)
        if not batchnorm:
            return torch.tanh(embcat @ W1 + b1) @ W2 + b2
        hpreact = embcat @ W1
        bnmeani, bnstdi = hpreact.mean(0, keepdim=True), hpreact.std(0, keepdim=True)
        hpreact = bngain * (hpreact - bnmeani) / bnstdi + bnbias
        with torch.no_grad():
            state['mean'] = 0.999 * state['mean'] + 0.001 * bnmeani
            state['std'] = 0.999 * state['std'] + 0.001 * bnstdi
        return torch.tanh(hpreact) @ W2 + b2
    return g, params, forward


def six_layers(batchnorm):
    g = torch.Generator().manual_seed(2147483647)
    C = torch.randn((vocab_size, 10), generator=g)
    layers, fan_in = [], 30
    for _ in range(5):
        layers += [Linear(fan_in, 100, g, bias=not batchnorm)] + ([BatchNorm1d(100)] if batchnorm else []) + [Tanh()]
        fan_in = 100
    layers += [Linear(100, vocab_size, g, bias=not batchnorm)] + ([BatchNorm1d(vocab_size)] if batchnorm else [])
    with torch.no_grad():
        if batchnorm:
            layers[-1].gamma *= 0.1
        else:
            layers[-1].weight *= 0.1
            for layer in layers[:-1]:
                if isinstance(layer, Linear):
                    layer.weight *= 5 / 3
    params = [C] + [p for layer in layers for p in layer.parameters()]

    def forward(Xb):
        x = C[Xb].view(Xb.shape[0], -1)
        for layer in layers:
            x = layer(x)
        return x
    return g, params, forward


def time_steps(build_net, steps=3000, warmup=500):
    g, params, forward = build_net
    for p in params:
        p.requires_grad = True
    for i in range(warmup + steps):
        if i == warmup:
            start = time.perf_counter()
        ix = torch.randint(0, Xtr.shape[0], (32,), generator=g)
        loss = F.cross_entropy(forward(Xtr[ix]), Ytr[ix])
        for p in params:
            p.grad = None
        loss.backward()
        for p in params:
            p.data += -0.1 * p.grad
    return (time.perf_counter() - start) / steps * 1e6


print(f'PyTorch {torch.__version__}, one thread, microseconds per training step (batch 32)')
for name, net in [('kaiming (one hidden layer, tanh)', lambda: one_hidden(False)),
                  ('batchnorm (one hidden layer)', lambda: one_hidden(True)),
                  ('deep-tanh (six layers)', lambda: six_layers(False)),
                  ('deep-batchnorm (six layers)', lambda: six_layers(True))]:
    print(f'  {name:34s} {time_steps(net()):8.1f}')
