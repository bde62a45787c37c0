package io.qiyue.shared;

import java.util.List;

/**
 * An answer that is a list of items with more beside them (a page's numbers, a search's total, a ruleset's
 * revision): what a client asking for CSV or XLSX gets as a file, a row per item (shared.web.ListPageExports).
 */
public interface Listing {
    List<?> items();
}
