package dev.makemore.training;

import dev.makemore.autograd.Grad;
import dev.makemore.core.IntArray;
import dev.makemore.core.random.Generator;
import dev.makemore.training.data.Vocabulary;
import java.util.ArrayList;
import java.util.List;

/**
 * The lecture's sampling cell: start from a context of dots, run the network in eval mode, draw the
 * next character with {@code torch.multinomial} from the softmax, slide the context, stop at the
 * first {@code .}. The generator is the lecture's {@code manual_seed(2147483647 + 10)}.
 */
public final class Sampler {
    private Sampler() {
    }

    /** The seed offset the lecture adds for sampling. */
    public static final long SEED_OFFSET = 10;

    /** {@code count} names from {@code network}, drawn from a generator seeded {@code seed + 10}, without the trailing '.'. */
    public static List<String> sample(Network network, Vocabulary vocab, int blockSize, long seed, int count) {
        var g = new Generator(seed + SEED_OFFSET);
        var names = new ArrayList<String>(count);
        try (var mode = network.evalMode(); var off = Grad.disabled()) {
            for (int i = 0; i < count; i++) {
                names.add(sampleOne(network, vocab, blockSize, g));
            }
        }
        return names;
    }

    private static String sampleOne(Network network, Vocabulary vocab, int blockSize, Generator g) {
        int[] context = new int[blockSize];
        var out = new StringBuilder();
        while (true) {
            var logits = network.call(IntArray.of(context.clone(), 1, blockSize));
            float[] probs = logits.softmax(1).data().toFloatArray();
            int ix = g.multinomial(probs);
            System.arraycopy(context, 1, context, 0, blockSize - 1);
            context[blockSize - 1] = ix;
            if (ix == 0) {
                return out.toString();
            }
            out.append(vocab.symbol(ix));
        }
    }
}
