/**
 * The contracting parties: customers (organisations and persons) with their contacts, and our own
 * signing entities, with the identifier checks of GB 32100 and GB 11643 at input. Other modules use
 * {@link io.qiyue.customer.Customers} and {@link io.qiyue.customer.OurEntities}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Customers")
package io.qiyue.customer;
