package dev.makemore.nn;

import dev.makemore.core.NdArray;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * A process that saves a model to one path over and over, for the stress tests of
 * {@link ModelFile}: {@code SaveLoop FILE WRITER TIMES FLOATS} writes {@code TIMES} models (0 for
 * until killed) of {@code FLOATS} values, each value and the metadata naming the writer and the round,
 * so a reader can tell which save a file came from and that it is whole.
 */
public final class SaveLoop {
    private SaveLoop() {
    }

    /** The model {@code writer} saves in {@code round}: every value is {@code round}, the metadata says both. */
    static Map<String, NdArray> tensors(int round, int floats) {
        float[] v = new float[floats];
        Arrays.fill(v, round);
        return Map.of("weight", NdArray.of(v, floats));
    }

    static Map<String, String> metadata(String writer, int round) {
        return Map.of("writer", writer, "round", Integer.toString(round));
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String writer = args[1];
        int times = Integer.parseInt(args[2]);
        int floats = Integer.parseInt(args[3]);
        System.out.println("started");
        System.out.flush();
        for (int round = 1; times == 0 || round <= times; round++) {
            ModelFile.write(file, tensors(round, floats), metadata(writer, round));
        }
    }
}
