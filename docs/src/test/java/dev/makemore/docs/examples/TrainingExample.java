package dev.makemore.docs.examples;

// docs:begin example-training
import dev.makemore.autograd.Tensor;
import dev.makemore.diagnostics.TrainingObserver;
import dev.makemore.nn.Module;
import dev.makemore.training.Stage;
import dev.makemore.training.TrainOptions;
import dev.makemore.training.TrainResult;
import dev.makemore.training.Trainer;
import dev.makemore.training.data.DataSource;
import dev.makemore.training.data.Names;
import dev.makemore.training.data.Splits;
import java.util.List;

/** makemore-training: the lecture's data, stages, training loop, evaluation and sampling. */
public final class TrainingExample {
    public static void main(String[] args) throws Exception {
        // names.txt from $MAKEMORE_DATA, else the cache, else one download
        var words = Names.read(DataSource.system().locate(null));
        var data = Splits.lecture(words, 3);
        System.out.println(words.size() + " names; examples " + data.train().size() + " / " + data.val().size()
                + " / " + data.test().size());
        //> 32033 names; examples 182625 / 22655 / 22866

        System.out.println("stages: " + Stage.names());
        Stage stage = Stage.byName("kaiming");
        var options = new TrainOptions(2000, 32, 2147483647L, false, 5);   // 2000 of the lecture's 200,000 steps
        var trainer = new Trainer(data);
        TrainResult r = trainer.run(stage, options, new TrainingObserver() {
            @Override
            public void afterUpdate(int step, double loss, double lr, List<Module> layers, List<Tensor> parameters) {
                if (step % 500 == 0) {
                    System.out.printf("step %4d  loss %.4f%n", step, loss);
                }
            }
        });
        //> step    0  loss 3.3179
        System.out.printf("%d parameters, loss at step 0 %.4f, train %.4f, val %.4f%n", r.params(), r.losses().step0(),
                r.losses().train(), r.losses().val());
        //> 11897 parameters, loss at step 0 3.3179
        System.out.println("samples: " + r.samples());
    }
}
// docs:end example-training
