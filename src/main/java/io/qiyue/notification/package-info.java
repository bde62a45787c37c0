/**
 * Tells people what happened to contracts: it listens to the events of the contract, approval and negotiation
 * modules and turns them into in-app notifications, e-mails, signed webhook deliveries and group-robot
 * messages, each user choosing channels per event kind. Nothing calls it; messages leave through an outbox
 * that a scheduled worker sends with retries, so a slow or failing receiver never slows the event's request.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notification")
package io.qiyue.notification;
