package dev.makemore.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.makemore.autograd.F;
import dev.makemore.autograd.Grad;
import dev.makemore.core.DType;
import dev.makemore.core.random.Generator;
import dev.makemore.nn.InlineBatchNorm;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    @Test
    void chunkedTwoThreadLossEqualsOneForwardOverTheWholeSplit() {
        var data = TrainingData.lectureSplits();
        var trainer = new Trainer(data);
        var network = trainer.train(Stage.byName("batchnorm"), new TrainOptions(50, 32, 7, false, 0), null).network();
        var val = data.val();
        double expected;
        network.eval();
        try (var off = Grad.disabled()) {
            expected = F.crossEntropy(network.call(val.x()), val.y()).item();
        }
        network.train();
        try (var evaluator = new Evaluator(2)) {
            assertThat(evaluator.loss(network, val)).isCloseTo(expected, within(1e-5));
            assertThat(network.isTraining()).as("mode restored").isTrue();
        }
        try (var evaluator = new Evaluator(1)) {
            assertThat(evaluator.loss(network, val)).isCloseTo(expected, within(1e-5));
        }
    }

    @Test
    void samplesAreDeterministicAndMadeOfTheVocabulary() {
        var data = TrainingData.lectureSplits();
        var network = new Trainer(data).train(Stage.byName("fix-tanh"), new TrainOptions(200, 32, 3, false, 0), null)
                .network();
        var a = Sampler.sample(network, data.vocab(), 3, 99, 10);
        var b = Sampler.sample(network, data.vocab(), 3, 99, 10);
        assertThat(a).hasSize(10).isEqualTo(b);
        assertThat(a).allSatisfy(name -> assertThat(name).matches("[a-z]*"));
        assertThat(Sampler.sample(network, data.vocab(), 3, 100, 10)).isNotEqualTo(a);
    }

    @Test
    void calibrationComparesRunningAndExplicitStatisticsOfTheTrainSplit() {
        var data = TrainingData.lectureSplits();
        var trainer = new Trainer(data);
        var network = trainer.train(Stage.byName("batchnorm"), new TrainOptions(300, 32, 5, false, 0), null).network();
        var bn = (InlineBatchNorm) network.layers().get(1);
        var runningMean = bn.bnmeanRunning().data().copy();
        var runningStd = bn.bnstdRunning().data().copy();
        // The explicit statistics, computed here directly: hpreact = embcat @ W1 over the whole split.
        var tr = data.train();
        double[] mean;
        double[] std;
        try (var off = Grad.disabled()) {
            var h = network.layers().get(0).call(network.embedding().call(tr.x()).view(tr.size(), -1));
            var hd = h.data().to(DType.FLOAT64);
            mean = new double[h.dim(1)];
            std = new double[h.dim(1)];
            var sm = new org.apache.commons.math3.stat.descriptive.moment.Mean();
            var sd = new org.apache.commons.math3.stat.descriptive.moment.StandardDeviation(true);
            double[] column = new double[tr.size()];
            for (int c = 0; c < mean.length; c++) {
                for (int r = 0; r < column.length; r++) {
                    column[r] = hd.get(r * mean.length + c);
                }
                mean[c] = sm.evaluate(column);
                std[c] = sd.evaluate(column);
            }
        }
        double maxMean = 0;
        double maxStd = 0;
        for (int c = 0; c < mean.length; c++) {
            maxMean = Math.max(maxMean, Math.abs(mean[c] - runningMean.get(c)));
            maxStd = Math.max(maxStd, Math.abs(std[c] - runningStd.get(c)));
        }
        try (var evaluator = new Evaluator()) {
            double train = evaluator.loss(network, data.train());
            double val = evaluator.loss(network, data.val());
            var cal = Calibrator.calibrate(network, data, evaluator, new Calibration.Losses(train, val));
            assertThat(cal.spread().label()).isEqualTo("std");
            assertThat(cal.maxMeanDiff()).isCloseTo(maxMean, within(1e-4));
            assertThat(cal.maxSpreadDiff()).isCloseTo(maxStd, within(1e-4));
            assertThat(cal.running().train()).isEqualTo(train);
            // Running statistics are restored afterwards.
            assertThat(bn.bnmeanRunning().data().toDoubleArray()).isEqualTo(runningMean.toDoubleArray());
            assertThat(bn.bnstdRunning().data().toDoubleArray()).isEqualTo(runningStd.toDoubleArray());
            assertThat(evaluator.loss(network, data.train())).isEqualTo(train);
        }
    }

    @Test
    void theGeneratorDrawsWeightsThenMinibatches() {
        // The lecture's order: one generator draws every weight, then the first minibatch's indices.
        // Replayed here by hand, the trainer's first loss must be exactly that minibatch's loss on
        // that network; drawing the minibatch first (or from another generator) gives another loss.
        var data = TrainingData.lectureSplits();
        var stage = Stage.byName("kaiming");
        var run = new Trainer(data).train(stage, new TrainOptions(1, 32, Generator.LECTURE_SEED, false, 0), null);

        var weightsFirst = new Generator(Generator.LECTURE_SEED);
        var network = Network.build(stage, data.vocab().size(), weightsFirst);
        double lecturesOrder = firstLoss(network, weightsFirst.randint(0, data.train().size(), 32), data);
        var minibatchFirst = new Generator(Generator.LECTURE_SEED);
        int[] ix = minibatchFirst.randint(0, data.train().size(), 32);
        double reversed = firstLoss(Network.build(stage, data.vocab().size(), minibatchFirst), ix, data);

        assertThat(run.losses()[0]).isEqualTo((float) lecturesOrder);
        assertThat(reversed).isNotCloseTo(lecturesOrder, within(1e-3));
    }

    /** The loss of {@code network} on the training rows {@code ix}, gathered as the training loop gathers them. */
    private static double firstLoss(Network network, int[] ix, dev.makemore.training.data.Splits data) {
        int block = data.train().blockSize();
        int[] x = new int[ix.length * block];
        int[] y = new int[ix.length];
        for (int i = 0; i < ix.length; i++) {
            System.arraycopy(data.train().x().data(), ix[i] * block, x, i * block, block);
            y[i] = data.train().y().data()[ix[i]];
        }
        return F.crossEntropy(network.forward(dev.makemore.core.IntArray.of(x, ix.length, block)),
                dev.makemore.core.IntArray.of(y)).item();
    }
}
