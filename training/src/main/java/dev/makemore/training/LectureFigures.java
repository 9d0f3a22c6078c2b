package dev.makemore.training;

/**
 * What the lecture's own code prints for a stage (LECTURE_NUMBERS.md), shown beside this project's
 * figures by {@code makemore lecture}.
 *
 * @param params    parameter count
 * @param lossStep0 minibatch loss at step 0
 * @param train     train loss after 200,000 steps
 * @param val       val loss after 200,000 steps
 */
public record LectureFigures(int params, double lossStep0, double train, double val) {
}
