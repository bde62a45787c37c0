-- UI sessions live in the database (Spring Session JDBC), so a user signed in through one instance goes on
-- through any other. Spring Session's repository queries these names and columns; MariaDB compares table
-- names case-sensitively on Linux, so they are written upper-case on every database.
CREATE TABLE SPRING_SESSION (
    PRIMARY_ID            CHAR(36)     NOT NULL,
    SESSION_ID            CHAR(36)     NOT NULL,
    CREATION_TIME         BIGINT       NOT NULL,
    LAST_ACCESS_TIME      BIGINT       NOT NULL,
    MAX_INACTIVE_INTERVAL INT          NOT NULL,
    -- epoch milliseconds; the clean-up deletes rows past it
    EXPIRY_TIME           BIGINT       NOT NULL,
    -- the user name, indexed so that all of a user's sessions can be found
    PRINCIPAL_NAME        VARCHAR(100),
    CONSTRAINT pk_spring_session PRIMARY KEY (PRIMARY_ID)
);
CREATE UNIQUE INDEX ux_spring_session_id ON SPRING_SESSION (SESSION_ID);
CREATE INDEX ix_spring_session_expiry ON SPRING_SESSION (EXPIRY_TIME);
CREATE INDEX ix_spring_session_principal ON SPRING_SESSION (PRINCIPAL_NAME);

-- one row per session attribute, Java-serialised (the security context, the session's account_session id)
CREATE TABLE SPRING_SESSION_ATTRIBUTES (
    SESSION_PRIMARY_ID CHAR(36)     NOT NULL,
    ATTRIBUTE_NAME     VARCHAR(200) NOT NULL,
    ATTRIBUTE_BYTES    VARBINARY NOT NULL,
    CONSTRAINT pk_spring_session_attributes PRIMARY KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME),
    CONSTRAINT fk_spring_session_attributes FOREIGN KEY (SESSION_PRIMARY_ID) REFERENCES SPRING_SESSION (PRIMARY_ID)
        ON DELETE CASCADE
);
