/**
 * A {@code torch.nn} for the lecture: the layers its network is built from once the code is
 * "PyTorch-ified" ({@link dev.makemore.nn.Embedding}, {@link dev.makemore.nn.Flatten},
 * {@link dev.makemore.nn.Linear}, {@link dev.makemore.nn.BatchNorm1d}, {@link dev.makemore.nn.Tanh},
 * {@link dev.makemore.nn.Sequential}), the inline batch norm of the one-hidden-layer stage
 * ({@link dev.makemore.nn.InlineBatchNorm}), initialisation gains ({@link dev.makemore.nn.Init}) and
 * model files ({@link dev.makemore.nn.ModelFile}).
 *
 * <p>Every layer is a {@link dev.makemore.nn.Module}: parameters and buffers by PyTorch's dotted
 * names, {@code train()}/{@code eval()}, and the last output {@code out()} that the lecture's
 * diagnostics plot. The six-layer network of the lecture reads
 * <pre>{@code
 * var g = new Generator(Generator.LECTURE_SEED);
 * var layers = new ArrayList<Module>(List.of(new Embedding(27, 10, g), new Flatten(),
 *         new Linear(30, 100, false, g), BatchNorm1d.lecture(100), new Tanh()));
 * for (int i = 0; i < 4; i++) {
 *     layers.addAll(List.of(new Linear(100, 100, false, g), BatchNorm1d.lecture(100), new Tanh()));
 * }
 * layers.addAll(List.of(new Linear(100, 27, false, g), BatchNorm1d.lecture(27)));
 * var model = new Sequential(layers);                 // 47,024 parameters
 * var loss = F.crossEntropy(model.call(Xb), Yb);
 * }</pre>
 */
package dev.makemore.nn;
