package io.qiyue.customer;

/** Only ACTIVE customers should get new contracts (review rule QY-I003 warns otherwise). */
public enum CustomerStatus { ACTIVE, ARCHIVED, BLACKLISTED }
