package io.qiyue.approval;

import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.EndEvent;
import org.flowable.bpmn.model.MultiInstanceLoopCharacteristics;
import org.flowable.bpmn.model.Process;
import org.flowable.bpmn.model.SequenceFlow;
import org.flowable.bpmn.model.StartEvent;
import org.flowable.bpmn.model.UserTask;
import org.flowable.common.engine.impl.history.HistoryLevel;
import org.flowable.common.engine.impl.persistence.StrongUuidGenerator;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.spring.SpringProcessEngineConfiguration;
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
 * The Flowable engine, on our DataSource and transaction manager so that its writes commit or roll back with ours.
 * Built after start-up in the background, or on first use if that comes sooner, never during start-up: building it
 * (and creating the ACT_* tables the first time) takes seconds that a start-up should not pay. The build runs on a thread of its own,
 * outside the caller's transaction: MariaDB commits implicitly around DDL, which must not end the caller's work.
 * <p>
 * A flow becomes one process: the steps in order, each a parallel multi-instance user task over the approvers in
 * the variable {@code approvers_<i>} (an empty list skips the step: a condition that does not hold, or approvers
 * deduplicated away). Any-of steps complete at the first approval. Rejection, return and withdrawal end the
 * process instance; the module decides those itself.
 */
@Component
class ApprovalEngine implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ApprovalEngine.class);
    static final String STEP_PREFIX = "step_";

    private final DataSource dataSource;
    private final PlatformTransactionManager transactions;
    private final ExecutorService builder = Executors.newSingleThreadExecutor(r -> {
        var thread = new Thread(r, "approval-engine-build");
        thread.setDaemon(true);
        return thread;
    });
    private volatile CompletableFuture<ProcessEngine> engine;

    private final boolean warmUp;

    ApprovalEngine(DataSource dataSource, PlatformTransactionManager transactions,
                   @Value("${qiyue.approval.engine-warm-up:true}") boolean warmUp) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.warmUp = warmUp;
    }

    /**
     * Once the application is ready (and answering), the engine is built in the background, so that the first
     * submission does not wait the seconds it takes; start-up itself never does. Off: built on first use only.
     */
    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        if (warmUp) {
            building();
        }
    }

    private synchronized CompletableFuture<ProcessEngine> building() {
        if (engine == null) {
            engine = CompletableFuture.supplyAsync(this::build, builder);
        }
        return engine;
    }

    /** The engine, built now if this is the first use. */
    ProcessEngine get() {
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

    boolean built() {
        var future = engine;
        return future != null && future.isDone() && !future.isCompletedExceptionally();
    }

    private ProcessEngine build() {
        long started = System.nanoTime();
        var config = new SpringProcessEngineConfiguration();
        config.setDataSource(dataSource);
        config.setTransactionManager(transactions);
        config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        config.setAsyncExecutorActivate(false); // time limits are our scheduled scan, not Flowable timers
        config.setDisableIdmEngine(true);       // users live in the security module
        config.setDisableEventRegistry(true);
        config.setCreateDiagramOnDeploy(false);
        config.setHistoryLevel(HistoryLevel.NONE); // our approval_task rows are the history
        config.setIdGenerator(new StrongUuidGenerator()); // no shared id block to contend for across instances
        config.setEngineName("qiyue-approval");
        var built = config.buildProcessEngine();
        log.info("Approval engine (Flowable {}) built in {} ms", ProcessEngine.class.getPackage().getImplementationVersion(),
                (System.nanoTime() - started) / 1_000_000);
        return built;
    }

    /** Deploys a flow's steps as a new version of its process; answers the process definition's id and version. */
    Deployed deploy(String flowId, String name, List<FlowStep> steps) {
        var engine = get();
        String key = processKey(flowId);
        var deployment = engine.getRepositoryService().createDeployment().key(key).name(name)
                .addBpmnModel(key + ".bpmn20.xml", model(key, name, steps)).deploy();
        var definition = engine.getRepositoryService().createProcessDefinitionQuery()
                .deploymentId(deployment.getId()).singleResult();
        return new Deployed(definition.getId(), definition.getVersion());
    }

    record Deployed(String definitionId, int version) {
    }

    /** A user task the engine waits on: its id, the step it belongs to and its assignee. */
    record EngineTask(String id, int stepIndex, String assignee) {
    }

    String start(String definitionId, String businessKey, Map<String, Object> variables) {
        return get().getRuntimeService().createProcessInstanceBuilder().processDefinitionId(definitionId)
                .businessKey(businessKey).variables(variables).start().getId();
    }

    List<EngineTask> tasks(String processInstanceId) {
        return get().getTaskService().createTaskQuery().processInstanceId(processInstanceId).list().stream()
                .map(t -> new EngineTask(t.getId(), stepIndex(t.getTaskDefinitionKey()), t.getAssignee())).toList();
    }

    boolean running(String processInstanceId) {
        return get().getRuntimeService().createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0;
    }

    void delete(String processInstanceId, String reason) {
        if (processInstanceId != null && running(processInstanceId)) {
            get().getRuntimeService().deleteProcessInstance(processInstanceId, reason);
        }
    }

    void complete(String taskId) {
        get().getTaskService().complete(taskId);
    }

    void assign(String taskId, String username) {
        get().getTaskService().setAssignee(taskId, username);
    }

    @SuppressWarnings("unchecked")
    List<String> approvers(String processInstanceId, int step) {
        return (List<String>) get().getRuntimeService().getVariable(processInstanceId, "approvers_" + step);
    }

    void approvers(String processInstanceId, int step, List<String> usernames) {
        get().getRuntimeService().setVariable(processInstanceId, "approvers_" + step, new ArrayList<>(usernames));
    }

    static String processKey(String flowId) {
        return "qiyue_flow_" + flowId.replace("-", "_");
    }

    static BpmnModel model(String key, String name, List<FlowStep> steps) {
        var process = new Process();
        process.setId(key);
        process.setName(name);
        process.setExecutable(true);
        var start = new StartEvent();
        start.setId("start");
        process.addFlowElement(start);
        String previous = start.getId();
        var flows = new ArrayList<SequenceFlow>();
        for (int i = 0; i < steps.size(); i++) {
            var step = steps.get(i);
            var task = new UserTask();
            task.setId(STEP_PREFIX + i);
            task.setName(step.name());
            task.setAssignee("${assignee}");
            var loop = new MultiInstanceLoopCharacteristics();
            loop.setSequential(false);
            loop.setInputDataItem("${approvers_" + i + "}");
            loop.setElementVariable("assignee");
            if (step.mode() == StepMode.ANY) {
                loop.setCompletionCondition("${nrOfCompletedInstances >= 1}");
            }
            task.setLoopCharacteristics(loop);
            process.addFlowElement(task);
            flows.add(flow(flows.size(), previous, task.getId()));
            previous = task.getId();
        }
        var end = new EndEvent();
        end.setId("end");
        process.addFlowElement(end);
        flows.add(flow(flows.size(), previous, end.getId()));
        flows.forEach(process::addFlowElement);
        var model = new BpmnModel();
        model.addProcess(process);
        return model;
    }

    private static SequenceFlow flow(int index, String from, String to) {
        var flow = new SequenceFlow(from, to);
        flow.setId("flow_" + index);
        return flow;
    }

    static int stepIndex(String taskDefinitionKey) {
        return Integer.parseInt(taskDefinitionKey.substring(STEP_PREFIX.length()));
    }

    /** The start variables: each step's approvers, an empty list where the step is skipped. */
    static Map<String, Object> variables(List<List<String>> approvers) {
        var variables = new HashMap<String, Object>();
        for (int i = 0; i < approvers.size(); i++) {
            variables.put("approvers_" + i, new ArrayList<>(approvers.get(i)));
        }
        return variables;
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
