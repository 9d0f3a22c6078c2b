package dev.makemore.diagnostics;

import dev.makemore.autograd.Tensor;
import dev.makemore.core.Shape;
import dev.makemore.nn.Module;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Collects what the lecture looks at while and after training its six-layer network, as a
 * {@link TrainingObserver}:
 * <ul>
 *   <li>at every step: the minibatch loss (the lecture's {@code lossi}) and the update:data ratio of
 *       every parameter (its {@code ud}), see {@link UpdateRatios};</li>
 *   <li>at chosen steps ({@code --at}; by default the last): a full {@link Snapshot} of every layer's
 *       output and output gradient (statistics, histograms, saturation maps) and of every parameter's
 *       gradient and grad:data ratio.</li>
 * </ul>
 * The outputs' gradients are kept by calling {@code retainGrad()} in {@link #beforeBackward} only on
 * the chosen steps, so other steps pay only for the loss and the ratios.
 *
 * <p>Layers are numbered as the lecture numbers its {@code layers} list, which holds neither the
 * embedding table {@code C} nor the {@code view}: containers ({@link Module.Kind#CONTAINER}, such as
 * a {@code Sequential} passed as the only layer) are opened, and leading embeddings and views
 * ({@link Module.Kind#EMBEDDING}, {@link Module.Kind#VIEW}) are skipped (the embedding's parameter is
 * labelled {@code C}). So the Tanh layers of the six-layer BatchNorm network are 2, 5, 8, 11, 14
 * whether the loop passes {@code [Linear, BatchNorm1d, Tanh, ...]} or the whole model.
 *
 * <p>Use (the training loop calls {@link #beforeBackward} and {@link #afterUpdate}, see
 * {@link TrainingObserver}):
 * <pre>{@code
 * var recorder = Recorder.forRun(steps);            // snapshot at the last step; forRun(steps, 0, -1) for two
 * trainer.run(stage, options, recorder);
 * Snapshot s = recorder.snapshot(steps - 1);
 * s.activationLines().forEach(System.out::println); // layer 2 (      Tanh): mean -0.00, std 0.63, saturated: 2.78%
 * Report.write(Path.of("out/report"), recorder, "six layers with BatchNorm");
 * }</pre>
 * Not thread-safe: one recorder watches one training loop.
 */
public final class Recorder implements TrainingObserver {
    private final NavigableMap<Integer, Snapshot> snapshots = new TreeMap<>();
    private final TreeSet<Integer> at;
    private final Map<Tensor, String> names = new IdentityHashMap<>();
    private float[] losses = new float[1024];
    private int[] lossSteps = new int[1024];
    private int lossCount;
    private UpdateRatios ratios;
    private List<String> parameterLabels = List.of();
    private List<Shape> parameterShapes = List.of();

    private Recorder(int[] steps) {
        this.at = new TreeSet<>();
        for (int s : steps) {
            if (s < 0) {
                throw new IllegalArgumentException("snapshot steps count from 0, got " + s);
            }
            at.add(s);
        }
    }

    /**
     * A recorder that takes full snapshots at the given steps (0-based; none is allowed, then only the
     * loss and the update ratios are recorded).
     *
     * @throws IllegalArgumentException for a negative step
     */
    public static Recorder atSteps(int... steps) {
        return new Recorder(steps.clone());
    }

    /**
     * A recorder that takes a full snapshot at the last step of a run of {@code totalSteps} steps, the
     * default: the lecture looks at its network once its loop stops (after step 1000 of 1001).
     */
    public static Recorder atLastStep(int totalSteps) {
        if (totalSteps <= 0) {
            throw new IllegalArgumentException("the number of steps must be positive, got " + totalSteps);
        }
        return new Recorder(new int[]{totalSteps - 1});
    }

    /**
     * A recorder for a run of {@code totalSteps} steps taking snapshots at {@code at}, the command
     * line's {@code --at}: steps count from 0, and negative ones from the end as Python indices do
     * ({@code -1} is the last step). With no step given, the last step, as the lecture.
     *
     * @throws IllegalArgumentException for a step outside {@code [-totalSteps, totalSteps)}, naming
     *                                  the step and the allowed range
     */
    public static Recorder forRun(int totalSteps, int... at) {
        if (totalSteps <= 0) {
            throw new IllegalArgumentException("the number of steps must be positive, got " + totalSteps);
        }
        if (at.length == 0) {
            return atLastStep(totalSteps);
        }
        int[] steps = new int[at.length];
        for (int i = 0; i < at.length; i++) {
            if (at[i] < -totalSteps || at[i] >= totalSteps) {
                throw new IllegalArgumentException("snapshot step " + at[i] + ": a run of " + totalSteps
                        + " steps has steps 0.." + (totalSteps - 1) + " (or -" + totalSteps
                        + "..-1 counted from the end)");
            }
            steps[i] = at[i] < 0 ? totalSteps + at[i] : at[i];
        }
        return new Recorder(steps);
    }

    /**
     * Names a parameter in legends and tables (overriding the derived name), e.g. the lecture's
     * {@code C} when it is not an {@code Embedding} among the layers. Returns this recorder.
     */
    public Recorder nameParameter(Tensor parameter, String name) {
        names.put(Objects.requireNonNull(parameter, "parameter"), Objects.requireNonNull(name, "name"));
        return this;
    }

    /** The steps at which snapshots are taken, in order. */
    public List<Integer> snapshotSteps() {
        return List.copyOf(at);
    }

    // =====================================================================================
    // TrainingObserver
    // =====================================================================================

    // docs:begin retain-grad
    /** On a snapshot step, keeps the gradient of every layer's output ({@code layer.out.retain_grad()}). */
    @Override
    public void beforeBackward(int step, List<Module> layers) {
        if (!at.contains(step)) {
            return;
        }
        for (Module m : lectureLayers(layers).numbered()) {
            Tensor out = m.out();
            if (out != null && out.requiresGrad()) {
                out.retainGrad();
            }
        }
    }
    // docs:end retain-grad

    /** Records the loss and the update ratios; on a snapshot step, also the snapshot. */
    @Override
    public void afterUpdate(int step, double loss, double learningRate, List<Module> layers, List<Tensor> parameters) {
        recordLoss(step, loss);
        if (ratios == null) {
            ratios = new UpdateRatios(parameters.size());
            var lecture = lectureLayers(layers);
            parameterLabels = labels(lecture, parameters);
            parameterShapes = parameters.stream().map(Tensor::shape).toList();
        }
        ratios.record(step, learningRate, parameters);
        if (at.contains(step)) {
            snapshots.put(step, snapshot(step, loss, learningRate, lectureLayers(layers).numbered(), parameters));
        }
    }

    private void recordLoss(int step, double loss) {
        if (lossCount == losses.length) {
            losses = Arrays.copyOf(losses, lossCount * 2);
            lossSteps = Arrays.copyOf(lossSteps, lossCount * 2);
        }
        losses[lossCount] = (float) loss;
        lossSteps[lossCount] = step;
        lossCount++;
    }

    private Snapshot snapshot(int step, double loss, double lr, List<Module> layers, List<Tensor> parameters) {
        var layerRecords = new ArrayList<LayerRecord>(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            layerRecords.add(LayerRecord.of(i, layers.get(i)));
        }
        var parameterRecords = new ArrayList<ParameterRecord>(parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            parameterRecords.add(ParameterRecord.of(i, parameterLabels.get(i), parameters.get(i)));
        }
        return new Snapshot(step, loss, lr, layerRecords, parameterRecords);
    }

    // =====================================================================================
    // Layer numbering and parameter names
    // =====================================================================================

    /** The lecture's {@code layers}, and the modules before them ({@code C} and the view). */
    private record LectureLayers(List<Module> skipped, List<Module> numbered) {
    }

    private static LectureLayers lectureLayers(List<Module> layers) {
        var flat = new ArrayList<Module>();
        for (Module m : layers) {
            expand(m, flat);
        }
        int start = 0;
        while (start < flat.size() && (flat.get(start).kind() == Module.Kind.EMBEDDING
                || flat.get(start).kind() == Module.Kind.VIEW)) {
            start++;
        }
        return new LectureLayers(flat.subList(0, start), flat.subList(start, flat.size()));
    }

    private static void expand(Module m, List<Module> into) {
        if (m.kind() == Module.Kind.CONTAINER) {
            for (Module child : m.children()) {
                expand(child, into);
            }
        } else {
            into.add(Objects.requireNonNull(m, "layer"));
        }
    }

    private List<String> labels(LectureLayers lecture, List<Tensor> parameters) {
        var derived = new IdentityHashMap<Tensor, String>();
        for (Module m : lecture.skipped()) {
            if (m.kind() == Module.Kind.EMBEDDING) {
                m.parameters().forEach(p -> derived.put(p, "C"));
            }
        }
        var numbered = lecture.numbered();
        for (int i = 0; i < numbered.size(); i++) {
            Module m = numbered.get(i);
            for (var e : m.namedParameters().entrySet()) {
                derived.put(e.getValue(), LayerRecord.label(i, m.displayName()) + " " + e.getKey());
            }
        }
        var out = new ArrayList<String>(parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            Tensor p = parameters.get(i);
            String name = names.getOrDefault(p, derived.get(p));
            out.add(name != null ? name : "parameter " + i);
        }
        return List.copyOf(out);
    }

    // =====================================================================================
    // Results
    // =====================================================================================

    /** The minibatch loss of every step seen, in order (the lecture's {@code lossi} before its log10). */
    public float[] losses() {
        return Arrays.copyOf(losses, lossCount);
    }

    /** The steps of {@link #losses()}. */
    public int[] lossSteps() {
        return Arrays.copyOf(lossSteps, lossCount);
    }

    /** The update:data ratios of every parameter at every step seen (empty before the first step). */
    public UpdateRatios updateRatios() {
        return ratios != null ? ratios : new UpdateRatios(0);
    }

    /** How each parameter is named in legends, in parameter order (e.g. {@code C}, {@code layer 0 (Linear) weight}). */
    public List<String> parameterLabels() {
        return parameterLabels;
    }

    /** Each parameter's shape, in parameter order. */
    public List<Shape> parameterShapes() {
        return parameterShapes;
    }

    /** The snapshots taken, in step order. */
    public List<Snapshot> snapshots() {
        return List.copyOf(snapshots.values());
    }

    /**
     * The snapshot of {@code step}.
     *
     * @throws IllegalArgumentException if none was taken at that step
     */
    public Snapshot snapshot(int step) {
        Snapshot s = snapshots.get(step);
        if (s == null) {
            throw new IllegalArgumentException("no snapshot at step " + step + "; snapshots were "
                    + (snapshots.isEmpty() ? "taken at no step" : "taken at steps " + snapshots.keySet())
                    + (at.contains(step) ? " (step " + step + " was asked for but not reached)" : ""));
        }
        return s;
    }

    /** The snapshot of the latest step that has one. */
    public Optional<Snapshot> lastSnapshot() {
        var e = snapshots.lastEntry();
        return e == null ? Optional.empty() : Optional.of(e.getValue());
    }
}
