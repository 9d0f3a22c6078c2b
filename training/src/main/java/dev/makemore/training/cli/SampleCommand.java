package dev.makemore.training.cli;

import dev.makemore.training.Sampler;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code makemore sample --model FILE}: rebuilds the network of the stage named in a model file
 * written by {@code makemore train --save}, loads its weights and samples names as the lecture
 * does. With the same seed the names are those the training run printed.
 *
 * <p>With {@code --json}, one object: {@code model} (string), {@code stage} (string), {@code seed}
 * (integer), {@code samples} (array of strings without the trailing '.').
 */
@Command(name = "sample",
        description = {"Sample names from a model written by 'makemore train --save FILE'.",
            "The network is rebuilt from the file's metadata (stage, vocabulary, block",
            "size), then its weights are loaded. Prints one name per line, with the",
            "lecture's trailing '.'."},
        footer = {"",
            "With --json, stdout holds one JSON object: model (string), stage (string),",
            "seed (integer), samples (array of strings, names without the final '.').",
            "",
            "Exit status: 0 ok, 2 bad arguments or an unreadable, corrupt or mismatched",
            "model file."})
final class SampleCommand extends BaseCommand {

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The model file.")
    Path model;

    @Option(names = "--count", paramLabel = "N", defaultValue = "20",
            description = "How many names (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", paramLabel = "S",
            description = "Names are drawn from a generator seeded S + 10, as the lecture does (default: the"
                    + " seed the model was trained with, which gives the training run's samples).")
    Long seed;

    @Mixin
    JsonOption json;

    @Override
    int run() throws Exception {
        Inputs.positive(spec, "--count", count);
        var loaded = ModelStore.load(model, cli());
        long s = seed != null ? seed : loaded.seed();
        var names = Sampler.sample(loaded.network(), loaded.vocab(), loaded.stage().blockSize(), s, count);
        if (json.requested()) {
            json.print(Json.object("model", model.toString(), "stage", loaded.stage().name(), "seed", s,
                    "samples", names));
        } else {
            for (var n : names) {
                out().println(n + ".");
            }
        }
        return Makemore.OK;
    }
}
