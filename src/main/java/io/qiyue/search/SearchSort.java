package io.qiyue.search;

/** The order of search hits: best match first, or newest date first (the contract's start, the customer's creation). */
public enum SearchSort { RELEVANCE, DATE }
