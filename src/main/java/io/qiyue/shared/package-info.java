/**
 * The tiny kernel every module may use: money, ids, paging, the error vocabulary that becomes
 * problem+json, the change event the audit trail listens to, and the clock.
 * Nothing in here knows about customers, contracts or users.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.qiyue.shared;
