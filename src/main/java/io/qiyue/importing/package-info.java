/**
 * Import of customers and legacy contracts from XLSX and CSV files (issue #16 item 2): a dry run that reports every
 * bad row, an all-or-nothing real run with progress, re-runs without duplicates, and update mode. Writes only through
 * the customer and contract modules' public APIs, so that versions, reviews, audit and obligations follow as for
 * records made in the app. Other modules use {@link io.qiyue.importing.Imports}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Import")
package io.qiyue.importing;
