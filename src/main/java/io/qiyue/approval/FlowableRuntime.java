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
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything that touches Flowable, in a class that is no Spring bean: Spring introspects the methods of its beans
 * at start-up, which would load Flowable's classes then; this class is loaded only when the engine is built.
 * <p>
 * A flow becomes one process: the steps in order, each a parallel multi-instance user task over the approvers in
 * the variable {@code approvers_<i>} (an empty list skips the step: a condition that does not hold, or approvers
 * deduplicated away). Any-of steps complete at the first approval. Rejection, return and withdrawal end the
 * process instance; the module decides those itself.
 */
final class FlowableRuntime {
    static final String STEP_PREFIX = "step_";

    private final ProcessEngine engine;

    private FlowableRuntime(ProcessEngine engine) {
        this.engine = engine;
    }

    static FlowableRuntime build(DataSource dataSource, PlatformTransactionManager transactions) {
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
        schemaOf(dataSource, config);
        return new FlowableRuntime(config.buildProcessEngine());
    }

    /**
     * Pins the engine to the connection's own database (MySQL/MariaDB: the catalog) or schema (PostgreSQL): without
     * it, Flowable's "are my tables there?" check looks in every database on the server, finds another
     * installation's ACT_* tables and then fails to upgrade tables that do not exist in ours.
     */
    private static void schemaOf(DataSource dataSource, SpringProcessEngineConfiguration config) {
        try (var connection = dataSource.getConnection()) {
            switch (io.qiyue.shared.persistence.Database.of(connection)) {
                case MARIADB -> config.setDatabaseCatalog(connection.getCatalog());
                case POSTGRESQL -> config.setDatabaseSchema(connection.getSchema());
                case H2 -> {
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot read the database of the approval engine", e);
        }
    }

    static String version() {
        return ProcessEngine.class.getPackage().getImplementationVersion();
    }

    ApprovalEngine.Deployed deploy(String key, String name, List<FlowStep> steps) {
        var deployment = engine.getRepositoryService().createDeployment().key(key).name(name)
                .addBpmnModel(key + ".bpmn20.xml", model(key, name, steps)).deploy();
        var definition = engine.getRepositoryService().createProcessDefinitionQuery()
                .deploymentId(deployment.getId()).singleResult();
        return new ApprovalEngine.Deployed(definition.getId(), definition.getVersion());
    }

    String start(String definitionId, String businessKey, Map<String, Object> variables) {
        return engine.getRuntimeService().createProcessInstanceBuilder().processDefinitionId(definitionId)
                .businessKey(businessKey).variables(variables).start().getId();
    }

    List<ApprovalEngine.EngineTask> tasks(String processInstanceId) {
        return engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId).list().stream()
                .map(t -> new ApprovalEngine.EngineTask(t.getId(),
                        Integer.parseInt(t.getTaskDefinitionKey().substring(STEP_PREFIX.length())), t.getAssignee()))
                .toList();
    }

    boolean running(String processInstanceId) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0;
    }

    void delete(String processInstanceId, String reason) {
        engine.getRuntimeService().deleteProcessInstance(processInstanceId, reason);
    }

    void complete(String taskId) {
        engine.getTaskService().complete(taskId);
    }

    void assign(String taskId, String username) {
        engine.getTaskService().setAssignee(taskId, username);
    }

    Object variable(String processInstanceId, String name) {
        return engine.getRuntimeService().getVariable(processInstanceId, name);
    }

    void variable(String processInstanceId, String name, Object value) {
        engine.getRuntimeService().setVariable(processInstanceId, name, value);
    }

    void close() {
        engine.close();
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
}
