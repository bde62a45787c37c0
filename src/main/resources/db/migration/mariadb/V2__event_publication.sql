-- Spring Modulith's event publication registry (schema v2 of spring-modulith-events-jdbc).
CREATE TABLE event_publication (
    id                     VARCHAR(36) NOT NULL PRIMARY KEY,
    listener_id            VARCHAR(512) NOT NULL,
    event_type             VARCHAR(512) NOT NULL,
    serialized_event       VARCHAR(4000) NOT NULL,
    publication_date       TIMESTAMP(6) NOT NULL,
    completion_date        TIMESTAMP(6) NULL DEFAULT NULL,
    status                 VARCHAR(20),
    completion_attempts    INT,
    last_resubmission_date TIMESTAMP(6) NULL DEFAULT NULL,
    INDEX event_publication_by_completion_date_idx (completion_date)
);
