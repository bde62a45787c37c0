/**
 * A realistic demo data set (customers, contracts of all five types, users of every role), loaded
 * on start when {@code QIYUE_DEMO_DATA=true} and the database has no customers yet. It goes through
 * the same services as the UI, so the demo data passes the same checks as real input.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo data")
package io.qiyue.demo;
