// Chapter 5, PyTorch-ifying: the six-layer network from Linear, BatchNorm1d and Tanh modules, by hand.
// Run from the project root:  docs/jshell/run.sh 05
// Lines starting with //> show what the line above prints.

import java.util.*;
import dev.makemore.core.IntArray;
import dev.makemore.core.random.Generator;
import dev.makemore.autograd.F;
import dev.makemore.autograd.Tensor;
import dev.makemore.nn.*;
import dev.makemore.nn.Module;
import dev.makemore.training.Network;
import dev.makemore.training.Stage;
import dev.makemore.training.data.*;

void show(String format, Object... args) { System.out.println(String.format(Locale.ROOT, format, args)); }

int n_embd = 10, n_hidden = 100, vocab_size = 27, block_size = 3;
Generator g = new Generator(2147483647L);

// C = torch.randn((vocab_size, n_embd), generator=g)
Embedding C = new Embedding(vocab_size, n_embd, g);

// layers = [Linear(n_embd * block_size, n_hidden, bias=False), BatchNorm1d(n_hidden), Tanh(), ...]
List<Module> layers = new ArrayList<>();
layers.add(new Linear(n_embd * block_size, n_hidden, false, g));
layers.add(BatchNorm1d.lecture(n_hidden));
layers.add(new Tanh());
for (int i = 0; i < 4; i++) {
    layers.add(new Linear(n_hidden, n_hidden, false, g));
    layers.add(BatchNorm1d.lecture(n_hidden));
    layers.add(new Tanh());
}
layers.add(new Linear(n_hidden, vocab_size, false, g));
layers.add(BatchNorm1d.lecture(vocab_size));

// with torch.no_grad(): layers[-1].gamma *= 0.1 (the last layer less confident)
float[] gamma = ((BatchNorm1d) layers.get(layers.size() - 1)).gamma().data().floats();
for (int i = 0; i < gamma.length; i++) gamma[i] *= 0.1f;

Network model = new Network(C, new Sequential(layers));
System.out.println(model);
show("%d parameters", model.numParameters());
//> 47024 parameters
model.namedParameters().forEach((name, p) -> show("%-22s %s", name, p.shape()));

// The same network as the deep-batchnorm stage draws it, tensor for tensor
Network stage = Network.build(Stage.byName("deep-batchnorm"), vocab_size, new Generator(2147483647L));
boolean same = true;
for (int i = 0; i < model.parameters().size(); i++) {
    same &= Arrays.equals(model.parameters().get(i).data().floats(), stage.parameters().get(i).data().floats());
}
show("same parameters as the deep-batchnorm stage: %s", same);
//> same parameters as the deep-batchnorm stage: true

// One step of the lecture's loop: the minibatch comes from the same generator, after the weights
Splits data = Splits.lecture(Names.read(DataSource.system().locate(null)), block_size);
int[] ix = g.randint(0, data.train().size(), 32);
int[] xb = new int[32 * block_size], yb = new int[32];
for (int i = 0; i < 32; i++) {
    System.arraycopy(data.train().x().data(), ix[i] * block_size, xb, i * block_size, block_size);
    yb[i] = data.train().y().get(ix[i]);
}
Tensor loss = F.crossEntropy(model.call(IntArray.of(xb, 32, block_size)), IntArray.of(yb));
show("loss at step 0 %.4f", loss.item());
//> loss at step 0 3.2870
for (Tensor p : model.parameters()) p.setGrad(null);
loss.backward();
for (Tensor p : model.parameters()) p.sgdStep(0.1);

// The BatchNorm1d buffers moved by momentum 0.1 towards the batch statistics, without gradient
BatchNorm1d bn = (BatchNorm1d) layers.get(1);
show("running_mean[0..3] %s", Arrays.toString(Arrays.copyOf(bn.runningMean().data().floats(), 3)));
show("buffers: %s", bn.namedBuffers().keySet());
//> buffers: [running_mean, running_var]

// Without BatchNorm: Linear with bias, gain 5/3 (the deep-tanh stage)
Network deepTanh = Network.build(Stage.byName("deep-tanh"), vocab_size, new Generator(2147483647L));
show("deep-tanh: %d parameters", deepTanh.numParameters());
//> deep-tanh: 46497 parameters

// BatchNorm1d.lecture normalises with the unbiased variance, BatchNorm1d.torch (nn.BatchNorm1d) the biased one
show("sqrt(32/31) = %.4f", Math.sqrt(32.0 / 31));
//> sqrt(32/31) = 1.0160
