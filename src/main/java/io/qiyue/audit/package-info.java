/**
 * The append-only audit trail: who changed what, when. It listens to
 * {@link io.qiyue.shared.EntityChanged} from every module and is called by no one; admins read it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package io.qiyue.audit;
