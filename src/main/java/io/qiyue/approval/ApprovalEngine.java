package io.qiyue.approval;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The BPMN engine (Flowable, in {@link FlowableRuntime}), on our DataSource and transaction manager so that its writes
 * commit or roll back with ours. Built after start-up in the background, or on first use if that comes sooner, never
 * during start-up: building it (and creating the ACT_* tables the first time) takes seconds that a start-up should not
 * pay. The build runs on a thread of its own, outside any caller's transaction: MariaDB commits implicitly around
 * DDL, which must not end the caller's work. This bean's own signatures name no Flowable type, so that nothing of
 * Flowable is loaded while the application starts.
 */
@Component
class ApprovalEngine implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ApprovalEngine.class);

    private final DataSource dataSource;
    private final PlatformTransactionManager transactions;
    private final boolean warmUp;
    private final ExecutorService builder = Executors.newSingleThreadExecutor(r -> {
        var thread = new Thread(r, "approval-engine-build");
        thread.setDaemon(true);
        return thread;
    });
    private volatile CompletableFuture<FlowableRuntime> engine;

    ApprovalEngine(DataSource dataSource, PlatformTransactionManager transactions,
                   @Value("${qiyue.approval.engine-warm-up:true}") boolean warmUp) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.warmUp = warmUp;
    }

    /** A user task the engine waits on: its id, the step it belongs to and its assignee. */
    record EngineTask(String id, int stepIndex, String assignee) {
    }

    /** A deployed flow version: the process definition's id and its version number. */
    record Deployed(String definitionId, int version) {
    }

    /** Once the application is ready, the engine is built in the background, so that the first submission does not wait. */
    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        if (warmUp) {
            building();
        }
    }

    boolean built() {
        var future = engine;
        return future != null && future.isDone() && !future.isCompletedExceptionally();
    }

    Deployed deploy(String flowId, String name, List<FlowStep> steps) {
        return runtime().deploy(processKey(flowId), name, steps);
    }

    String start(String definitionId, String businessKey, Map<String, Object> variables) {
        return runtime().start(definitionId, businessKey, variables);
    }

    List<EngineTask> tasks(String processInstanceId) {
        return runtime().tasks(processInstanceId);
    }

    boolean running(String processInstanceId) {
        return runtime().running(processInstanceId);
    }

    void delete(String processInstanceId, String reason) {
        if (processInstanceId != null && running(processInstanceId)) {
            runtime().delete(processInstanceId, reason);
        }
    }

    void complete(String taskId) {
        runtime().complete(taskId);
    }

    void assign(String taskId, String username) {
        runtime().assign(taskId, username);
    }

    @SuppressWarnings("unchecked")
    List<String> approvers(String processInstanceId, int step) {
        return (List<String>) runtime().variable(processInstanceId, "approvers_" + step);
    }

    void approvers(String processInstanceId, int step, List<String> usernames) {
        runtime().variable(processInstanceId, "approvers_" + step, new ArrayList<>(usernames));
    }

    static String processKey(String flowId) {
        return "qiyue_flow_" + flowId.replace("-", "_");
    }

    /** The start variables: each step's approvers, an empty list where the step is skipped. */
    static Map<String, Object> variables(List<List<String>> approvers) {
        var variables = new HashMap<String, Object>();
        for (int i = 0; i < approvers.size(); i++) {
            variables.put("approvers_" + i, new ArrayList<>(approvers.get(i)));
        }
        return variables;
    }

    private synchronized CompletableFuture<FlowableRuntime> building() {
        if (engine == null) {
            engine = CompletableFuture.supplyAsync(this::build, builder);
        }
        return engine;
    }

    /** The engine, built now if this is the first use. */
    private FlowableRuntime runtime() {
        var future = engine;
        if (future == null) {
            future = building();
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            synchronized (this) {
                engine = null; // a failed build (database down) is tried again on the next use
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    private FlowableRuntime build() {
        long started = System.nanoTime();
        var built = FlowableRuntime.build(dataSource, transactions);
        log.info("Approval engine (Flowable {}) built in {} ms", FlowableRuntime.version(),
                (System.nanoTime() - started) / 1_000_000);
        return built;
    }

    @Override
    public void destroy() {
        var future = engine;
        if (future != null && future.isDone() && !future.isCompletedExceptionally()) {
            future.join().close();
        }
        builder.shutdownNow();
    }
}
