package dev.makemore.training.cli;

import dev.makemore.core.random.Generator;
import dev.makemore.nn.ModelFile;
import dev.makemore.nn.ModelFileException;
import dev.makemore.training.FoldedModel;
import dev.makemore.training.Network;
import dev.makemore.training.Stage;
import dev.makemore.training.TrainResult;
import dev.makemore.training.data.Vocabulary;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Model files as the command line writes and reads them: the layers module's {@link ModelFile}
 * (state dict, checksum, atomic write) with this metadata, from which {@code makemore sample}
 * rebuilds the network before loading the weights:
 * <pre>
 * format      "makemore-model"
 * stage       the stage's name (which network to build)
 * vocabulary  the symbols, index 0 first (".abc...z")
 * block_size  characters of context
 * seed        the training seed (sampling defaults to it, plus 10, as the training run did)
 * steps       training steps
 * batch_size  minibatch size
 * train_loss, val_loss   the losses at the end of training (informative)
 * folded      "true" when the file holds the network with its BatchNorms folded away (train --fold)
 * </pre>
 */
final class ModelStore {
    static final String FORMAT = "format";
    static final String FORMAT_NAME = "makemore-model";
    static final String STAGE = "stage";
    static final String VOCABULARY = "vocabulary";
    static final String BLOCK_SIZE = "block_size";
    static final String SEED = "seed";
    static final String STEPS = "steps";
    static final String BATCH_SIZE = "batch_size";
    static final String FOLDED = "folded";

    private ModelStore() {
    }

    /** A network rebuilt from a model file, and the file's metadata. */
    record Loaded(Stage stage, Network network, Vocabulary vocab, long seed, int steps, Map<String, String> metadata) {
    }

    /** Writes {@code result}'s trained network and its metadata to {@code file}, atomically. */
    static void save(Path file, TrainResult result, Vocabulary vocab) throws ModelFileException {
        save(file, result, vocab, null);
    }

    /**
     * Writes {@code folded} (the trained network with its BatchNorms folded away, {@code train --fold})
     * in place of the trained network when it is not null, marked {@code folded=true} so that
     * {@link #load} folds the stage's network before loading the weights.
     */
    static void save(Path file, TrainResult result, Vocabulary vocab, Network folded) throws ModelFileException {
        var meta = new LinkedHashMap<String, String>();
        meta.put(FORMAT, FORMAT_NAME);
        meta.put(STAGE, result.stage().name());
        meta.put(VOCABULARY, vocab.symbols());
        meta.put(BLOCK_SIZE, Integer.toString(result.stage().blockSize()));
        meta.put(SEED, Long.toString(result.options().seed()));
        meta.put(STEPS, Integer.toString(result.options().steps()));
        meta.put(BATCH_SIZE, Integer.toString(result.options().batchSize()));
        meta.put("train_loss", Double.toString(result.losses().train()));
        meta.put("val_loss", Double.toString(result.losses().val()));
        if (folded != null) {
            meta.put(FOLDED, "true");
        }
        ModelFile.save(file, folded != null ? folded : result.model(), meta);
    }

    /** Reads {@code file}, builds the network of the stage it names, and loads the weights into it. */
    static Loaded load(Path file, Cli cli) throws ModelFileException {
        var contents = ModelFile.read(file);
        var meta = contents.metadata();
        String stageName = required(file, meta, STAGE);
        Stage stage = cli.stage(stageName);
        if (stage == null) {
            throw new ModelFileException(file, "unknown stage '" + stageName + "' (known: " + cli.stageNames() + ")");
        }
        Vocabulary vocab;
        try {
            vocab = new Vocabulary(required(file, meta, VOCABULARY));
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "bad metadata: " + e.getMessage());
        }
        int blockSize = (int) number(file, meta, BLOCK_SIZE);
        if (blockSize != stage.blockSize()) {
            throw new ModelFileException(file, "block size " + blockSize + " does not match stage " + stage.name()
                    + " (block size " + stage.blockSize() + ")");
        }
        long seed = number(file, meta, SEED);
        int steps = meta.containsKey(STEPS) ? (int) number(file, meta, STEPS) : 0;
        // The initial draw is overwritten by the file's weights; the seed only makes it deterministic.
        var network = Network.build(stage, vocab.size(), new Generator(seed));
        if ("true".equals(meta.get(FOLDED))) {
            // The file holds the folded network: fold the stage's (its layout is what matters) and load into that.
            network = FoldedModel.fold(network);
        }
        contents.loadInto(network);
        network.eval();
        return new Loaded(stage, network, vocab, seed, steps, meta);
    }

    private static String required(Path file, Map<String, String> meta, String key) throws ModelFileException {
        String v = meta.get(key);
        if (v == null || v.isEmpty()) {
            throw new ModelFileException(file, "missing metadata '" + key + "' (was it written by makemore train --save?)");
        }
        return v;
    }

    private static long number(Path file, Map<String, String> meta, String key) throws ModelFileException {
        String v = required(file, meta, key);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ModelFileException(file, "bad metadata: " + key + " is '" + v + "', not an integer");
        }
    }
}
