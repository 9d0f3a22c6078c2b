package dev.makemore.nn;

import dev.makemore.core.DType;
import dev.makemore.core.NdArray;
import dev.makemore.core.Shape;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * Saves and loads a {@link Module}'s parameters and buffers by name, with a small map of string
 * metadata (stage name, vocabulary, block size, ...) from which the training CLI rebuilds the model
 * for {@code makemore sample --model FILE}. It plays the part of {@code torch.save(model.state_dict())}.
 *
 * <h2>Format (version 1)</h2>
 * All integers and floats are big-endian (Java's {@code DataOutput} order); a <i>string</i> is an
 * int32 byte count followed by that many bytes of UTF-8.
 * <pre>
 * offset  size  field
 * 0       8     magic: the ASCII bytes "MAKEMORE"
 * 8       4     format version: int32, 1
 * 12      8     body length L: int64, the number of bytes from offset 20 to the checksum
 * 20      L     body:
 *                 int32   metadata count M
 *                 M times string key, string value
 *                 int32   tensor count T
 *                 T times string name            (state-dict name, e.g. "0.weight", "2.running_mean")
 *                         uint8  dtype           (1 = float32, 2 = float64)
 *                         uint8  rank r
 *                         r x int32 dimensions
 *                         the values, row-major, IEEE 754 (4 or 8 bytes each)
 * 20+L    4     checksum: CRC32C of bytes [0, 20 + L), i.e. of everything before it
 * </pre>
 * Tensors appear in state-dict order (see {@link Module#stateDict()}), metadata in the order given.
 *
 * <h2>Safety</h2>
 * A file is written to a temporary file in the target's folder, forced to disk, then moved over the
 * target with {@link StandardCopyOption#ATOMIC_MOVE}: a crash leaves either the old file or the new
 * one, never half of one, and a failed save deletes its temporary file. The temporary file's name holds
 * the writer's process id, so the next save removes the file of a process killed while saving, and
 * leaves alone that of another process saving at the same moment (the last rename wins, whole).
 * Reading checks, in order, the
 * magic, the version, the length (a {@code truncated file} or trailing bytes), the checksum
 * ({@code checksum mismatch}) and the body's structure; loading into a module then checks names and
 * shapes ({@code missing key '3.weight'}, {@code unexpected key 'foo'},
 * {@code shape of '0.weight' is (100, 27), expected (100, 28)}). Each problem is reported as a
 * {@link ModelFileException} whose message starts with the file name.
 */
public final class ModelFile {
    /** The first 8 bytes of every model file. */
    public static final String MAGIC = "MAKEMORE";
    /** The format version this class writes and reads. */
    public static final int VERSION = 1;

    private static final byte[] MAGIC_BYTES = MAGIC.getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = 20;
    private static final int CHECKSUM = 4;
    private static final byte FLOAT32 = 1;
    private static final byte FLOAT64 = 2;
    /** What follows the prefix in a temporary file's name: the writer's pid, '-', random digits, ".tmp". */
    private static final Pattern TEMPORARY = Pattern.compile("(\\d{1,18})-\\d+\\.tmp");

    private ModelFile() {
    }

    /**
     * What a model file holds.
     *
     * @param file     where it was read from (for messages)
     * @param metadata the string metadata, in file order
     * @param tensors  the arrays by state-dict name, in file order
     */
    public record Contents(Path file, Map<String, String> metadata, Map<String, NdArray> tensors) {

        /** Copies the maps into unmodifiable ones, keeping their order. */
        public Contents {
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        }

        /**
         * Copies the tensors into {@code module}'s parameters and buffers, strictly: the names and shapes
         * must match exactly, or nothing is copied.
         *
         * @throws ModelFileException naming every missing or unexpected key and every mismatched shape
         */
        public void loadInto(Module module) throws ModelFileException {
            List<String> problems = module.stateProblems(tensors);
            if (!problems.isEmpty()) {
                throw new ModelFileException(file, String.join("; ", problems));
            }
            module.loadStateDict(tensors);
        }
    }

    // =====================================================================================
    // Writing
    // =====================================================================================

    /** Writes {@code module}'s state dict and {@code metadata} to {@code file}, atomically. */
    public static void save(Path file, Module module, Map<String, String> metadata) throws ModelFileException {
        write(file, module.stateDict(), metadata);
    }

    /** Writes the given arrays and metadata to {@code file}, atomically (see the class comment). */
    public static void write(Path file, Map<String, NdArray> tensors, Map<String, String> metadata)
            throws ModelFileException {
        write(file, tensors, metadata, ModelFile::writeFully);
    }

    /** How the bytes reach the temporary file; tests substitute a failing one. */
    @FunctionalInterface
    interface Sink {
        void write(FileChannel channel, ByteBuffer bytes) throws IOException;
    }

    static void write(Path file, Map<String, NdArray> tensors, Map<String, String> metadata, Sink sink)
            throws ModelFileException {
        Objects.requireNonNull(file, "file");
        ByteBuffer bytes = encode(file, tensors, metadata);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp;
        try {
            removeStaleTemporaries(target);
            tmp = Files.createTempFile(dir, temporaryPrefix(target) + ProcessHandle.current().pid() + "-", ".tmp");
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot create a temporary file in " + dir + ": " + describe(e), e);
        }
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                sink.write(ch, bytes);
                ch.force(true);   // the data must be on disk before the rename makes it visible
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new ModelFileException(file, "cannot write: " + describe(e), e);
        }
    }

    /** Temporary files of saves to {@code target} are named {@code .<target name>.<pid>-<random>.tmp}. */
    private static String temporaryPrefix(Path target) {
        return "." + target.getFileName() + ".";
    }

    /**
     * Deletes the temporary files that saves to {@code target} left behind when their process was
     * killed (a save deletes its own on failure): those whose process is no longer alive. A live
     * process's file is another save under way, and is left to it.
     */
    static void removeStaleTemporaries(Path target) throws IOException {
        String prefix = temporaryPrefix(target);
        try (var files = Files.newDirectoryStream(target.getParent(),
                f -> f.getFileName().toString().startsWith(prefix))) {
            for (Path f : files) {
                var m = TEMPORARY.matcher(f.getFileName().toString().substring(prefix.length()));
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            ch.write(bytes);
        }
    }

    /** The whole file in memory (models are small: 47,024 parameters are 188 KB). */
    private static ByteBuffer encode(Path file, Map<String, NdArray> tensors, Map<String, String> metadata)
            throws ModelFileException {
        long size = HEADER + 8L + CHECKSUM;
        for (var e : metadata.entrySet()) {
            size += stringSize(file, e.getKey(), "metadata key") + stringSize(file, e.getValue(), "metadata value");
        }
        for (var e : tensors.entrySet()) {
            NdArray a = Objects.requireNonNull(e.getValue(), "tensor");
            size += stringSize(file, e.getKey(), "tensor name") + 2 + 4L * a.rank()
                    + (long) a.size() * (a.dtype() == DType.FLOAT32 ? 4 : 8);
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new ModelFileException(file, "model too large for one file (" + size + " bytes)");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) size);   // big-endian by default
        buf.put(MAGIC_BYTES).putInt(VERSION).putLong(size - HEADER - CHECKSUM);
        buf.putInt(metadata.size());
        metadata.forEach((k, v) -> {
            putString(buf, k);
            putString(buf, v);
        });
        buf.putInt(tensors.size());
        tensors.forEach((name, a) -> {
            putString(buf, name);
            buf.put(a.dtype() == DType.FLOAT32 ? FLOAT32 : FLOAT64).put((byte) a.rank());
            for (int d : a.shape().dims()) {
                buf.putInt(d);
            }
            if (a.dtype() == DType.FLOAT32) {
                buf.asFloatBuffer().put(a.floats(), 0, a.size());
                buf.position(buf.position() + 4 * a.size());
            } else {
                buf.asDoubleBuffer().put(a.doubles(), 0, a.size());
                buf.position(buf.position() + 8 * a.size());
            }
        });
        var crc = new CRC32C();
        crc.update(buf.array(), 0, buf.position());
        buf.putInt((int) crc.getValue());
        return buf.flip();
    }

    private static long stringSize(Path file, String s, String what) throws ModelFileException {
        if (s == null || (!what.equals("metadata value") && s.isEmpty())) {
            throw new ModelFileException(file, "cannot write: empty or null " + what);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // UTF-8 cannot hold a lone surrogate: it would be written as '?' and read back changed.
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(++i)))) {
                throw new ModelFileException(file, "cannot write: " + what + " holds an unpaired surrogate"
                        + " (not valid Unicode)");
            }
        }
        return 4L + s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void putString(ByteBuffer buf, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        buf.putInt(b.length).put(b);
    }

    // =====================================================================================
    // Reading
    // =====================================================================================

    /**
     * Reads and checks a model file (magic, version, length, checksum, structure).
     *
     * @throws ModelFileException naming the file and the first problem found
     */
    public static Contents read(Path file) throws ModelFileException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new ModelFileException(file, "permission denied", e);
        } catch (IOException | OutOfMemoryError e) {
            throw new ModelFileException(file, "cannot read: " + describe(e), e);
        }
        return parse(file, bytes);
    }

    /** Checks and decodes the bytes of a model file; {@code file} names it in messages. */
    static Contents parse(Path file, byte[] bytes) throws ModelFileException {
        checkHeader(file, bytes);
        var crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - CHECKSUM);
        int stored = ByteBuffer.wrap(bytes, bytes.length - CHECKSUM, CHECKSUM).getInt();
        if (stored != (int) crc.getValue()) {
            throw new ModelFileException(file, String.format("checksum mismatch (stored %08x, computed %08x): the file is"
                    + " corrupted", stored, (int) crc.getValue()));
        }
        try {
            return decode(file, ByteBuffer.wrap(bytes, HEADER, bytes.length - HEADER - CHECKSUM).slice());
        } catch (BufferUnderflowException e) {
            throw new ModelFileException(file, "corrupt body: an entry runs past the end of the body", e);
        }
    }

    /**
     * Reads {@code file} and loads its tensors into {@code module} ({@link Contents#loadInto}).
     *
     * @return the file's metadata
     */
    public static Map<String, String> load(Path file, Module module) throws ModelFileException {
        Contents contents = read(file);
        contents.loadInto(module);
        return contents.metadata();
    }

    /** The metadata of a model file (the whole file is read and checked). */
    public static Map<String, String> readMetadata(Path file) throws ModelFileException {
        return read(file).metadata();
    }

    private static void checkHeader(Path file, byte[] bytes) throws ModelFileException {
        int n = bytes.length;
        for (int i = 0; i < Math.min(n, MAGIC_BYTES.length); i++) {
            if (bytes[i] != MAGIC_BYTES[i]) {
                throw new ModelFileException(file, "not a makemore model file (wrong magic: expected \"" + MAGIC
                        + "\", found " + printable(bytes, Math.min(n, MAGIC_BYTES.length)) + ")");
            }
        }
        if (n < HEADER) {
            throw new ModelFileException(file, "truncated file: " + n + " bytes, shorter than the " + HEADER
                    + "-byte header");
        }
        ByteBuffer header = ByteBuffer.wrap(bytes, 0, HEADER);
        int version = header.getInt(8);
        if (version != VERSION) {
            throw new ModelFileException(file, "unsupported format version " + version + " (this build reads version "
                    + VERSION + ")");
        }
        long body = header.getLong(12);
        if (body < 0 || body > Integer.MAX_VALUE) {
            throw new ModelFileException(file, "corrupt header: body length " + body);
        }
        long expected = HEADER + body + CHECKSUM;
        if (n < expected) {
            throw new ModelFileException(file, "truncated file: " + n + " bytes, expected " + expected);
        }
        if (n > expected) {
            throw new ModelFileException(file, "corrupt file: " + (n - expected) + " unexpected bytes after the checksum"
                    + " (" + n + " bytes, expected " + expected + ")");
        }
    }

    private static Contents decode(Path file, ByteBuffer body) throws ModelFileException {
        var metadata = new LinkedHashMap<String, String>();
        int m = count(file, body, "metadata");
        for (int i = 0; i < m; i++) {
            String key = getString(file, body);
            if (metadata.put(key, getString(file, body)) != null) {
                throw new ModelFileException(file, "corrupt body: duplicate metadata key '" + key + "'");
            }
        }
        var tensors = new LinkedHashMap<String, NdArray>();
        int t = count(file, body, "tensor");
        for (int i = 0; i < t; i++) {
            String name = getString(file, body);
            byte code = body.get();
            if (code != FLOAT32 && code != FLOAT64) {
                throw new ModelFileException(file, "corrupt body: unknown dtype code " + code + " for '" + name + "'");
            }
            int rank = Byte.toUnsignedInt(body.get());
            int[] dims = new int[rank];
            long size = 1;
            for (int d = 0; d < rank; d++) {
                dims[d] = body.getInt();
                if (dims[d] < 0) {
                    throw new ModelFileException(file, "corrupt body: negative dimension in '" + name + "'");
                }
                size *= dims[d];
            }
            int width = code == FLOAT32 ? 4 : 8;
            if (size * width > body.remaining()) {
                throw new ModelFileException(file, "corrupt body: data of '" + name + "' " + Shape.of(dims)
                        + " runs past the end of the body");
            }
            NdArray a;
            if (code == FLOAT32) {
                float[] v = new float[(int) size];
                body.asFloatBuffer().get(v);
                a = NdArray.of(v, dims);
            } else {
                double[] v = new double[(int) size];
                body.asDoubleBuffer().get(v);
                a = NdArray.of(v, dims);
            }
            body.position(body.position() + (int) size * width);
            if (tensors.put(name, a) != null) {
                throw new ModelFileException(file, "corrupt body: duplicate key '" + name + "'");
            }
        }
        if (body.hasRemaining()) {
            throw new ModelFileException(file, "corrupt body: " + body.remaining() + " bytes left after the last tensor");
        }
        return new Contents(file, metadata, tensors);
    }

    private static int count(Path file, ByteBuffer body, String what) throws ModelFileException {
        int n = body.getInt();
        if (n < 0 || n > body.remaining()) {
            throw new ModelFileException(file, "corrupt body: impossible " + what + " count " + n);
        }
        return n;
    }

    private static String getString(Path file, ByteBuffer body) throws ModelFileException {
        int len = body.getInt();
        if (len < 0 || len > body.remaining()) {
            throw new ModelFileException(file, "corrupt body: impossible string length " + len);
        }
        byte[] b = new byte[len];
        body.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static String printable(byte[] bytes, int n) {
        var sb = new StringBuilder("\"");
        for (int i = 0; i < n; i++) {
            int c = bytes[i] & 0xff;
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return sb.append('"').toString();
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
