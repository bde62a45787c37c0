package io.qiyue.approval;

/** ALL: every approver of the step must approve (会签); ANY: the first approval decides the step (或签). */
public enum StepMode { ALL, ANY }
