/**
 * Diagnostics of a training run, as the lecture "makemore part 3" looks at its networks: activation
 * and gradient statistics and histograms of the tanh layers, saturation maps and dead units, the
 * grad:data ratio of every weight and the update:data ratio of every parameter at every step, the
 * loss curve, and one self-contained HTML report with all of it.
 *
 * <p>Entry points: a {@link dev.makemore.diagnostics.Recorder} is the
 * {@link dev.makemore.diagnostics.TrainingObserver} a training loop calls; its
 * {@link dev.makemore.diagnostics.Snapshot}s print the lecture's text lines
 * ({@link dev.makemore.diagnostics.LectureLines}); {@link dev.makemore.diagnostics.Report} writes the
 * figures ({@link dev.makemore.diagnostics.Figures}) and the page. The building blocks work on plain
 * arrays too: {@link dev.makemore.diagnostics.TensorStats}, {@link dev.makemore.diagnostics.Histogram}
 * (PyTorch's {@code torch.histogram} semantics), {@link dev.makemore.diagnostics.SaturationMap},
 * {@link dev.makemore.diagnostics.DeadUnits}, {@link dev.makemore.diagnostics.UpdateRatios}.
 */
package dev.makemore.diagnostics;
