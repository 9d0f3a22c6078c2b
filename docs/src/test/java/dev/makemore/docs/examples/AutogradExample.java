package dev.makemore.docs.examples;

// docs:begin example-autograd
import dev.makemore.autograd.F;
import dev.makemore.autograd.Grad;
import dev.makemore.autograd.Tensor;
import dev.makemore.core.DType;
import dev.makemore.core.IntArray;
import dev.makemore.core.random.Generator;

/** makemore-autograd alone: tensors that record their operations and differentiate backwards. */
public final class AutogradExample {
    public static void main(String[] args) {
        var g = new Generator(2147483647L);
        // a tiny classifier: 4 examples of 3 features, 2 classes
        Tensor x = Tensor.randn(g, 4, 3);
        Tensor w = Tensor.randn(g, 3, 2).setRequiresGrad(true);
        Tensor b = Tensor.zeros(DType.FLOAT32, 2).setRequiresGrad(true);
        IntArray y = IntArray.of(new int[] {0, 1, 1, 0});

        Tensor logits = x.matmul(w).add(b).tanh();
        Tensor loss = F.crossEntropy(logits, y);
        loss.backward();
        System.out.printf("loss %.4f%n", loss.item());
        System.out.println("dloss/db = " + java.util.Arrays.toString(b.grad().toFloatArray()));

        // torch.no_grad(): nothing is recorded, nothing requires grad
        try (var off = Grad.disabled()) {
            Tensor z = x.matmul(w);
            System.out.println("under no_grad, requiresGrad = " + z.requiresGrad());
            //> under no_grad, requiresGrad = false
        }

        // one SGD step lowers the loss: p.data += -lr * p.grad
        w.sgdStep(0.5);
        b.sgdStep(0.5);
        double after = F.crossEntropy(x.matmul(w).add(b).tanh(), y).item();
        System.out.println("lower after one step: " + (after < loss.item()));
        //> lower after one step: true
    }
}
// docs:end example-autograd
