-- Spring Modulith's JDBC registry writes to EVENT_PUBLICATION in capitals, and MariaDB on Linux tells table names
-- apart by case: the notification module is the first to listen after commit, so the table gets the name it is
-- written to.
RENAME TABLE event_publication TO EVENT_PUBLICATION;
