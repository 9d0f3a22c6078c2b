package dev.makemore.docs.examples;

// docs:begin example-core
import dev.makemore.core.ArrayMath;
import dev.makemore.core.DType;
import dev.makemore.core.NdArray;
import dev.makemore.core.random.Generator;
import dev.makemore.core.random.PyRandom;
import java.util.Arrays;

/** makemore-core alone: PyTorch's random numbers, CPython's shuffle, arrays and their SIMD kernels. */
public final class CoreExample {
    public static void main(String[] args) {
        // g = torch.Generator().manual_seed(2147483647); C = torch.randn((27, 10), generator=g)
        var g = new Generator(2147483647L);
        float[] c = g.randn(27 * 10);
        System.out.println("C[0, :4] = " + Arrays.toString(Arrays.copyOf(c, 4)));
        //> C[0, :4] = [1.567362, -0.23729232, -0.027384605, -1.1007794]

        // torch.randint(0, 10, (5,), generator=g): the same generator goes on
        System.out.println("randint: " + Arrays.toString(g.randint(0, 10, 5)));

        // random.seed(42); random.shuffle(list(range(10)))
        int[] order = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        new PyRandom(42).shuffle(order);
        System.out.println("shuffle: " + Arrays.toString(order));
        //> shuffle: [7, 3, 2, 8, 5, 6, 9, 4, 0, 1]

        // A (2, 3) @ (3, 2) product on the vector kernels (-Dmakemore.kernels=scalar picks the scalar twins)
        var a = NdArray.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        var b = NdArray.of(new float[] {1, 0, 0, 1, 1, 1}, 3, 2);
        var out = NdArray.zeros(DType.FLOAT32, 2, 2);
        ArrayMath.matmul(a, b, out, false);
        System.out.println("a @ b = " + Arrays.toString(out.floats()) + " with " + ArrayMath.kernels().getClass().getSimpleName());
        //> a @ b = [4.0, 5.0, 10.0, 11.0]
        System.out.printf("mean %.4f, unbiased variance %.4f%n", ArrayMath.mean(a), ArrayMath.variance(a, true));
        //> mean 3.5000, unbiased variance 3.5000
    }
}
// docs:end example-core
