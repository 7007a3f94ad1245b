package io.switchboard.distill.worker;

import java.io.PrintStream;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The worker mode of the operator's image, which the dataset and evaluation Jobs run: plain Java, no Kubernetes
 * client. Exit codes: 0 done; 2 bad settings or data (the Job fails at once); 1 anything else, which may pass on a
 * retry (the Job retries). Its output names settings, files, lines, ids and counts, never prompts, answers or keys.
 */
public final class Worker {

    public static final String MODE = WorkerSettings.MODE;
    public static final int DONE = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    private Worker() {
    }

    public static int run(Map<String, String> environment, PrintStream out, PrintStream err) {
        var env = new Env(environment);
        try {
            String mode = env.required(MODE);
            switch (mode) {
                case "dataset" -> new DatasetWorker(env, out, err).run();
                case "evaluate" -> new EvaluationWorker(env, out, err).run();
                default -> throw new BadInput(MODE + " must be dataset or evaluate, not " + mode);
            }
            return DONE;
        } catch (BadInput e) {
            err.println("switchboard distill worker: " + e.getMessage());
            return BAD_INPUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("switchboard distill worker: interrupted");
            return FAILED;
        } catch (Exception e) {
            err.println("switchboard distill worker failed, a retry may pass: " + describe(e));
            return FAILED;
        }
    }

    /** What went wrong, without the text of a JSON document an exception may quote. */
    private static String describe(Exception e) {
        if (e instanceof JsonProcessingException json) {
            return Json.where(json);
        }
        String what = e.getMessage() == null
                ? e.getClass().getName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        // a bug: where it is
        return e instanceof RuntimeException && !(e instanceof IllegalStateException) && e.getStackTrace().length > 0
                ? what + " at " + e.getStackTrace()[0]
                : what;
    }
}
