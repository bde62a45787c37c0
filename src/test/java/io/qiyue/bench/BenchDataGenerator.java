package io.qiyue.bench;

import io.qiyue.QiyueApplication;
import io.qiyue.contract.ContractTerms;
import io.qiyue.contract.ContractType;
import io.qiyue.customer.CreditCode;
import io.qiyue.shared.Hashes;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.boot.builder.SpringApplicationBuilder;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Seeds a PostgreSQL database with realistic data for benchmarks (issue #16): teams and sales users, customers
 * with valid 统一社会信用代码 and a contact each, contracts of the five types with valid terms (clause text in
 * their rights and obligations, breach, termination and confidentiality parts), amounts, statuses and dates spread
 * over eight years, and each contract's first version. Rows are generated here and sent with COPY in one
 * transaction (all or nothing). See bench/generate.sh for usage.
 */
public final class BenchDataGenerator {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String[] CITIES = {"杭州", "上海", "北京", "深圳", "广州", "南京", "苏州", "成都", "武汉", "西安",
            "宁波", "合肥", "天津", "重庆", "长沙", "厦门", "青岛", "济南", "郑州", "福州"};
    private static final String[] REGIONS = {"330100", "310115", "110108", "440300", "440106", "320100", "320500",
            "510100", "420100", "610100", "330200", "340100", "120116", "500000", "430100", "350200", "370200",
            "370100", "410100", "350100"};
    private static final String[] WORDS = {"星辰", "远航", "华信", "中科", "瑞达", "恒通", "汇智", "博远", "云帆", "天择",
            "锦程", "鼎盛", "宏图", "聚力", "启明", "安和", "泰康", "永信", "卓越", "海纳", "蓝海", "新元", "明德", "嘉禾"};
    private static final String[] TRADES = {"科技", "信息技术", "网络科技", "软件", "数据服务", "智能制造", "医疗器械",
            "物流", "贸易", "咨询", "建设工程", "新能源", "电子商务", "生物科技", "文化传媒"};
    private static final String[] INDUSTRIES = {"信息技术", "制造业", "金融", "医疗健康", "物流运输", "零售", "教育",
            "能源", "建筑", "文化传媒"};
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "军", "杰", "涛", "明", "超", "霞"};
    private static final Map<ContractType, String[]> SUBJECTS = Map.of(
            ContractType.SERVICE, new String[] {"IT运维服务", "云平台托管服务", "数据中心运维", "网络安全服务", "桌面运维外包"},
            ContractType.CONFIDENTIALITY, new String[] {"项目合作保密", "技术交流保密", "商务谈判保密", "供应商保密"},
            ContractType.MAINTENANCE, new String[] {"系统维护", "设备维保", "软件升级维护", "机房设施维护", "运行维护"},
            ContractType.CONSULTING, new String[] {"信息化规划咨询", "数据治理咨询", "管理咨询", "合规咨询", "数字化转型咨询"},
            ContractType.INFO_SHARING, new String[] {"客户信息共享", "联合营销数据共享", "会员信息共享", "风控数据共享"});
    private static final String[] PROVIDER = {
            "乙方应按照本合同约定的服务标准提供服务，并在收到甲方书面通知后2个工作日内响应。",
            "乙方应指派具备相应资质的工程师驻场，每月提交一次服务报告，报告须经甲方书面确认。",
            "乙方应及时处理甲方提出的服务请求，并在合理期限内完成整改。",
            "乙方负责系统的日常运行维护，包括巡检、备份、补丁更新及故障排除。",
            "乙方应建立应急响应机制，重大故障发生后30分钟内到达现场。",
            "乙方应对其派驻人员的行为负责，遵守甲方的安全管理制度。",
            "乙方交付的咨询报告应当内容完整、数据准确，并经甲方验收。",
            "乙方应按照国家标准对共享数据采取加密、访问控制等安全保护措施。"};
    private static final String[] CUSTOMER = {
            "甲方应按约定向乙方支付服务费用，逾期支付的，每日按应付未付金额的0.05%支付违约金。",
            "甲方应为乙方人员进入机房提供必要的便利和安全指引。",
            "甲方应指定专人负责与乙方的日常联络，并及时提供所需资料。",
            "甲方应在收到交付物后10个工作日内完成验收，逾期未提出异议的视为验收合格。",
            "甲方对乙方提供的技术资料负有保密义务，不得向第三方披露。"};
    private static final String[] BREACH = {
            "任何一方违约的，应向守约方支付合同金额10%的违约金，违约金不足以弥补损失的，还应赔偿实际损失。",
            "乙方未按约定时限响应的，每次按当月服务费的5%扣减服务费用。",
            "一方违反保密义务的，应赔偿对方因此遭受的全部损失。"};
    private static final String[] TERMINATION = {
            "任何一方严重违约且在收到书面通知后30日内未纠正的，守约方可以书面通知解除本合同。",
            "因不可抗力导致合同目的不能实现的，任何一方可以解除本合同。",
            "一方进入破产程序或丧失履约能力的，另一方可以解除本合同。"};
    private static final String[] CONFIDENTIALITY = {
            "双方对履行本合同过程中知悉的对方商业秘密负有保密义务，保密期限至合同终止后3年。",
            "未经对方书面同意，任何一方不得向第三方披露本合同内容及履约过程中获知的技术信息和经营信息。"};
    private static final String[] ARBITRATION = {"上海仲裁委员会", "北京仲裁委员会", "深圳国际仲裁院", "杭州仲裁委员会"};
    private static final String[] COURTS = {"甲方所在地人民法院", "乙方所在地人民法院"};
    private static final String[] STATUSES_RECENT = {"DRAFT", "DRAFT", "IN_APPROVAL", "APPROVED", "SIGNING", "SIGNED"};
    private static final int TEAMS = 5;
    private static final int USERS_PER_TEAM = 8;

    private final SplittableRandom random = new SplittableRandom(16);
    private final LocalDate today = LocalDate.now(CHINA);

    private BenchDataGenerator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: BenchDataGenerator <jdbc-url> <user> <contracts> <customers> [--append]");
            System.exit(2);
        }
        String url = args[0];
        String user = args[1];
        int contracts = Integer.parseInt(args[2]);
        int customers = Integer.parseInt(args[3]);
        boolean append = args.length > 4 && args[4].equals("--append");
        if (contracts < 0 || customers < 1 || contracts > 10_000_000 || customers > 2_000_000) {
            System.err.println("contracts must be within 0..10,000,000 and customers within 1..2,000,000");
            System.exit(2);
        }
        long t0 = System.nanoTime();
        // the application itself creates the schema (Flyway, every migration) and the admin, then stops
        try (var context = new SpringApplicationBuilder(QiyueApplication.class).run("--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user, "--spring.datasource.password=",
                "--qiyue.data-dir=" + System.getProperty("java.io.tmpdir") + "/qiyue-bench-generator",
                "--server.port=0", "--server.address=127.0.0.1",
                "--qiyue.admin-password=" + System.getenv().getOrDefault("QIYUE_ADMIN_PASSWORD", "bench-admin-pw"),
                "--qiyue.lifecycle.calendar-cron=-", "--qiyue.obligation.scan-cron=-", "--qiyue.reminders.cron=-",
                "--qiyue.warmup=false", "--logging.level.root=WARN")) {
            System.out.printf("schema ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            try (Connection connection = context.getBean(DataSource.class).getConnection()) {
                new BenchDataGenerator().generate(connection, contracts, customers, append);
            }
        }
        System.out.printf("total %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private void generate(Connection connection, int contracts, int customers, boolean append) throws SQLException {
        long existing = count(connection, "SELECT COUNT(*) FROM contract")
                + count(connection, "SELECT COUNT(*) FROM customer");
        if (existing > 0 && !append) {
            throw new IllegalStateException("the database holds " + existing + " contracts and customers already:"
                    + " refusing to seed it (use --append to add to them, or a fresh database)");
        }
        checkTerms();
        connection.setAutoCommit(false);
        try {
            long t = System.nanoTime();
            List<String> owners = users(connection);
            String ourEntity = ourEntity(connection);
            long customerOffset = count(connection, "SELECT COUNT(*) FROM customer");
            var customerIds = new String[customers];
            var customerOwners = new String[customers];
            customers(connection, customerOffset, customerIds, customerOwners, owners);
            System.out.printf("%,d customers with contacts in %.1f s%n", customers, (System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            // into empty tables, the secondary indexes are built once at the end instead of entry by entry
            List<String> deferred = append ? List.of() : dropSecondaryIndexes(connection, "contract");
            contracts(connection, contracts, customerIds, customerOwners, owners, ourEntity);
            System.out.printf("%,d contracts with their first version in %.1f s%n", contracts,
                    (System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            try (var statement = connection.createStatement()) {
                for (String definition : deferred) {
                    statement.execute(definition);
                }
            }
            System.out.printf("%d indexes of contract built in %.1f s%n", deferred.size(), (System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            connection.commit();
            System.out.printf("commit in %.1f s%n", (System.nanoTime() - t) / 1e9);
        } catch (RuntimeException | SQLException e) {
            connection.rollback();
            throw e;
        }
        connection.setAutoCommit(true);
        long t = System.nanoTime();
        try (var statement = connection.createStatement()) {
            statement.execute("VACUUM ANALYZE customer");
            statement.execute("VACUUM ANALYZE contact");
            statement.execute("VACUUM ANALYZE contract");
            statement.execute("VACUUM ANALYZE contract_version");
        }
        System.out.printf("VACUUM ANALYZE in %.1f s%n", (System.nanoTime() - t) / 1e9);
    }

    /** Drops the table's indexes that back no constraint and answers their definitions, to build them again. */
    private static List<String> dropSecondaryIndexes(Connection connection, String table) throws SQLException {
        var definitions = new ArrayList<String>();
        var names = new ArrayList<String>();
        try (var statement = connection.prepareStatement("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ?"
                + " AND schemaname = current_schema() AND indexname NOT IN (SELECT conname FROM pg_constraint)")) {
            statement.setString(1, table);
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                    definitions.add(rs.getString(2));
                }
            }
        }
        try (var statement = connection.createStatement()) {
            for (String name : names) {
                statement.execute("DROP INDEX " + name);
            }
        }
        return definitions;
    }

    /** Five teams of eight: a sales manager and seven salespeople each, signing in with the admin's password. */
    private List<String> users(Connection connection) throws SQLException {
        var owners = new ArrayList<String>();
        try (var statement = connection.createStatement()) {
            for (int team = 1; team <= TEAMS; team++) {
                String teamId = "bench-team-" + team;
                String manager = "bench-user-" + team + "-1";
                statement.execute("INSERT INTO team (id, name, manager_id, version, created_at) VALUES ('" + teamId
                        + "', '销售" + team + "部', '" + manager + "', 0, LOCALTIMESTAMP) ON CONFLICT DO NOTHING");
                for (int u = 1; u <= USERS_PER_TEAM; u++) {
                    String username = "bench-s" + team + "-" + u;
                    String name = SURNAMES[(team * 7 + u) % SURNAMES.length] + GIVEN[(team * 3 + u * 5) % GIVEN.length];
                    statement.execute("INSERT INTO app_user (id, username, display_name, email, password_hash, roles,"
                            + " team_id, enabled, version, created_at) SELECT 'bench-user-" + team + "-" + u + "', '"
                            + username + "', '" + name + "', '" + username + "@bench.example', password_hash, '"
                            + (u == 1 ? "SALES_MANAGER" : "SALES") + "', '" + teamId + "', TRUE, 0, LOCALTIMESTAMP"
                            + " FROM app_user WHERE username = 'admin' ON CONFLICT DO NOTHING");
                    owners.add(username);
                }
            }
        }
        return owners;
    }

    private static String ourEntity(Connection connection) throws SQLException {
        String code17 = "91310115MA1K3YJ12";
        String code = code17 + CreditCode.checkCharacterFor(code17);
        try (var statement = connection.createStatement()) {
            statement.execute("INSERT INTO our_entity (id, name, credit_code, address, legal_representative, version,"
                    + " created_at, updated_at) VALUES ('bench-our-entity', '上海契约信息技术有限公司', '" + code
                    + "', '上海市浦东新区张江路100号', '王五', 0, LOCALTIMESTAMP, LOCALTIMESTAMP) ON CONFLICT DO NOTHING");
        }
        return "bench-our-entity";
    }

    private void customers(Connection connection, long offset, String[] ids, String[] owners, List<String> users)
            throws SQLException {
        var customerCopy = copy(connection, "COPY customer (id, kind, name, credit_code, address, legal_representative,"
                + " industry, customer_level, status, owner, version, created_at, updated_at) FROM STDIN (FORMAT csv)");
        var rows = new StringBuilder(1 << 20);
        var contactRows = new ArrayList<String>();
        for (int i = 0; i < ids.length; i++) {
            long n = offset + i;
            int city = (int) (n % CITIES.length);
            String id = UUID.randomUUID().toString();
            String owner = users.get(random.nextInt(users.size()));
            ids[i] = id;
            owners[i] = owner;
            // region + organisation code from the running number: unique across runs that append
            String code17 = "91" + REGIONS[city] + "%09d".formatted(n);
            String code = code17 + CreditCode.checkCharacterFor(code17);
            String name = CITIES[city] + WORDS[random.nextInt(WORDS.length)] + WORDS[random.nextInt(WORDS.length)]
                    + TRADES[random.nextInt(TRADES.length)] + "有限公司";
            String person = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
            LocalDateTime created = LocalDateTime.of(today.minusDays(random.nextInt(8 * 365)), java.time.LocalTime.NOON);
            String status = random.nextInt(100) < 93 ? "ACTIVE" : random.nextInt(2) == 0 ? "ARCHIVED" : "BLACKLISTED";
            rows.append(id).append(",ORGANIZATION,").append(name).append(',').append(code).append(',')
                    .append(CITIES[city]).append("市高新区创业路").append(1 + random.nextInt(999)).append("号,")
                    .append(person).append(',').append(INDUSTRIES[random.nextInt(INDUSTRIES.length)]).append(',')
                    .append("ABC".charAt(random.nextInt(3))).append(',').append(status).append(',').append(owner)
                    .append(",1,").append(created).append(',').append(created.plusDays(random.nextInt(300)))
                    .append('\n');
            String contact = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)]
                    + GIVEN[random.nextInt(GIVEN.length)];
            contactRows.add(UUID.randomUUID() + "," + id + ",0," + contact + ",采购经理,contact" + n
                    + "@bench.example,true\n");
            if (rows.length() > (1 << 20)) {
                send(customerCopy, rows);
            }
        }
        send(customerCopy, rows);
        customerCopy.endCopy();
        var contactCopy = copy(connection, "COPY contact (id, customer_id, sort_order, name, title, email, is_primary)"
                + " FROM STDIN (FORMAT csv)");
        for (String row : contactRows) {
            rows.append(row);
            if (rows.length() > (1 << 20)) {
                send(contactCopy, rows);
            }
        }
        send(contactCopy, rows);
        contactCopy.endCopy();
    }

    private void contracts(Connection connection, int n, String[] customerIds, String[] customerOwners,
                           List<String> users, String ourEntity) throws SQLException {
        var sequences = new HashMap<String, Integer>();
        try (var statement = connection.createStatement();
             var rs = statement.executeQuery("SELECT type_code, seq_year, last_value FROM contract_number_sequence")) {
            while (rs.next()) {
                sequences.put(rs.getString(1).trim() + "-" + rs.getInt(2), rs.getInt(3));
            }
        }
        // one COPY at a time per connection: the versions of every 50,000 contracts follow in a COPY of their own
        var contractCopy = copy(connection, "COPY contract (id, contract_no, type, title, customer_id, our_entity_id,"
                + " owner, amount_value, amount_currency, start_date, end_date, auto_renew, renewal_notice_days, status,"
                + " terms, version, created_at, created_by, updated_at, renewal_notice_on) FROM STDIN (FORMAT csv)");
        var rows = new StringBuilder(1 << 21);
        var versions = new ArrayList<String[]>();
        long t = System.nanoTime();
        var types = ContractType.values();
        for (int i = 0; i < n; i++) {
            ContractType type = types[random.nextInt(types.length)];
            int c = random.nextInt(customerIds.length);
            String owner = random.nextInt(100) < 85 ? customerOwners[c] : users.get(random.nextInt(users.size()));
            LocalDate start = today.minusDays(random.nextInt(7 * 365)).plusDays(random.nextInt(120));
            LocalDate end = start.plusYears(1 + random.nextInt(3)).minusDays(1);
            String status = status(start, end);
            int year = Math.min(start.getYear(), today.getYear());
            int seq = sequences.merge(type.code() + "-" + year, 1, Integer::sum);
            String number = "QY-%s-%d-%06d".formatted(type.code(), year, seq);
            String subject = SUBJECTS.get(type)[random.nextInt(SUBJECTS.get(type).length)];
            String title = year + "年度" + subject + (type == ContractType.CONFIDENTIALITY ? "协议" : "合同");
            BigDecimal amount = type.paid() ? amount() : null;
            String id = UUID.randomUUID().toString();
            String terms = terms(type, start, amount);
            LocalDateTime created = LocalDateTime.of(start.minusDays(5 + random.nextInt(40)),
                    java.time.LocalTime.of(9 + random.nextInt(9), random.nextInt(60), random.nextInt(60)));
            LocalDateTime updated = created.plusDays(random.nextInt(30)).plusMinutes(random.nextInt(600));
            boolean inForce = status.equals("ACTIVE") || status.equals("SIGNED");
            rows.append(id).append(',').append(number).append(',').append(type.name()).append(',').append(title)
                    .append(',').append(customerIds[c]).append(',').append(ourEntity).append(',').append(owner)
                    .append(',').append(amount == null ? "" : amount.toPlainString()).append(',')
                    .append(amount == null ? "" : "CNY").append(',').append(start).append(',').append(end).append(',')
                    .append(random.nextInt(5) == 0).append(",,").append(status).append(',');
            quote(rows, terms);
            rows.append(",1,").append(created).append(',').append(owner).append(',').append(updated).append(',')
                    .append(inForce ? end.minusDays(30).toString() : "").append('\n');
            versions.add(new String[] {id, versionContent(id, number, type, title, customerIds[c], ourEntity, owner,
                    amount, start, end, status, terms), created.toString(), owner});
            if (rows.length() > (1 << 21)) {
                send(contractCopy, rows);
            }
            if (versions.size() == 50_000) {
                // the contract COPY must end before the versions' can start on this connection
                send(contractCopy, rows);
                contractCopy.endCopy();
                flushVersions(connection, versions);
                contractCopy = copy(connection, "COPY contract (id, contract_no, type, title, customer_id,"
                        + " our_entity_id, owner, amount_value, amount_currency, start_date, end_date, auto_renew,"
                        + " renewal_notice_days, status, terms, version, created_at, created_by, updated_at,"
                        + " renewal_notice_on) FROM STDIN (FORMAT csv)");
                if ((i + 1) % 200_000 == 0) {
                    System.out.printf("  %,d contracts, %.0f per second%n", i + 1, (i + 1) / ((System.nanoTime() - t) / 1e9));
                }
            }
        }
        send(contractCopy, rows);
        contractCopy.endCopy();
        flushVersions(connection, versions);
        // the application's own numbering continues after the generated numbers
        try (var statement = connection.prepareStatement("INSERT INTO contract_number_sequence (type_code, seq_year,"
                + " last_value) VALUES (?, ?, ?) ON CONFLICT (type_code, seq_year) DO UPDATE SET last_value ="
                + " GREATEST(contract_number_sequence.last_value, EXCLUDED.last_value)")) {
            for (var e : sequences.entrySet()) {
                String[] key = e.getKey().split("-");
                statement.setString(1, key[0]);
                statement.setInt(2, Integer.parseInt(key[1]));
                statement.setInt(3, e.getValue());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private void flushVersions(Connection connection, List<String[]> versions) throws SQLException {
        var copy = copy(connection, "COPY contract_version (contract_id, version, kind, cause, content, sha256,"
                + " created_at, created_by) FROM STDIN (FORMAT csv)");
        var rows = new StringBuilder(1 << 21);
        for (String[] v : versions) {
            rows.append(v[0]).append(",1,SAVED,CREATE,");
            quote(rows, v[1]);
            rows.append(',').append(Hashes.sha256Hex(v[1])).append(',').append(v[2]).append(',').append(v[3])
                    .append('\n');
            if (rows.length() > (1 << 21)) {
                send(copy, rows);
            }
        }
        send(copy, rows);
        copy.endCopy();
        versions.clear();
    }

    /** Contracts that ended are mostly expired, those running active, recent ones anywhere before signing. */
    private String status(LocalDate start, LocalDate end) {
        if (end.isBefore(today)) {
            int r = random.nextInt(100);
            return r < 80 ? "EXPIRED" : r < 90 ? "RENEWED" : "TERMINATED";
        }
        if (!start.isAfter(today)) {
            return random.nextInt(100) < 95 ? "ACTIVE" : "TERMINATED";
        }
        return STATUSES_RECENT[random.nextInt(STATUSES_RECENT.length)];
    }

    /** Log-uniform between 5,000 and 5,000,000 yuan, to the yuan. */
    private BigDecimal amount() {
        double yuan = Math.exp(Math.log(5_000) + random.nextDouble() * (Math.log(5_000_000) - Math.log(5_000)));
        return BigDecimal.valueOf(Math.round(yuan)).setScale(2, RoundingMode.HALF_UP);
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }

    private String terms(ContractType type, LocalDate start, BigDecimal amount) {
        var json = new StringBuilder(1500).append('{');
        if (type != ContractType.CONFIDENTIALITY) {
            json.append("\"payment\":{\"method\":\"BANK_TRANSFER\"");
            if (amount != null) {
                BigDecimal first = amount.divide(BigDecimal.TWO, 2, RoundingMode.HALF_UP);
                json.append(",\"schedule\":[{\"dueDate\":\"").append(start.plusDays(15))
                        .append("\",\"amount\":{\"value\":\"").append(first.toPlainString())
                        .append("\",\"currency\":\"CNY\"},\"description\":\"首期款\"},{\"milestone\":\"验收合格\",")
                        .append("\"amount\":{\"value\":\"").append(amount.subtract(first).toPlainString())
                        .append("\",\"currency\":\"CNY\"},\"description\":\"尾款\"}]");
            }
            json.append("},");
        }
        json.append("\"rightsAndObligations\":{\"provider\":[\"").append(pick(PROVIDER)).append("\",\"")
                .append(pick(PROVIDER)).append("\"],\"customer\":[\"").append(pick(CUSTOMER)).append("\"]},");
        json.append("\"breach\":{\"liquidatedDamages\":{\"basis\":\"PERCENT_OF_AMOUNT\",\"value\":\"")
                .append(5 + random.nextInt(16)).append("\"},\"description\":\"").append(pick(BREACH)).append("\"},");
        if (random.nextInt(3) == 0) {
            json.append("\"dispute\":{\"method\":\"LITIGATION\",\"court\":\"").append(pick(COURTS)).append("\"},");
        } else {
            json.append("\"dispute\":{\"method\":\"ARBITRATION\",\"arbitrationCommission\":\"").append(pick(ARBITRATION))
                    .append("\"},");
        }
        json.append("\"termination\":{\"conditions\":[\"").append(pick(TERMINATION)).append("\"],\"noticeDays\":30},");
        if (type != ContractType.CONFIDENTIALITY) {
            json.append("\"intellectualProperty\":{\"ownership\":\"PROVIDER\",\"description\":\"服务成果的知识产权归乙方所有。\"},");
        }
        json.append("\"confidentialityObligations\":[\"").append(pick(CONFIDENTIALITY)).append("\"],");
        json.append(switch (type) {
            case SERVICE -> "\"service\":{\"items\":[{\"name\":\"服务器巡检\",\"standard\":\"每月一次，出具巡检报告\"},"
                    + "{\"name\":\"故障处理\",\"standard\":\"7×24小时响应\"}],\"scope\":\"甲方总部及分支机构的服务器与网络设备。\","
                    + "\"qualityRequirements\":\"故障" + (2 + random.nextInt(6)) + "小时内响应。\"}";
            case CONFIDENTIALITY -> "\"confidentialInformation\":{\"categories\":[\"TRADE_SECRET\",\"TECHNICAL\"],"
                    + "\"description\":\"双方在合作中获知的技术信息和经营信息\",\"exclusions\":[\"已公开的信息\"]},"
                    + "\"confidentialityPeriod\":{\"yearsAfterTermination\":" + (1 + random.nextInt(5)) + "}";
            case MAINTENANCE -> "\"maintenance\":{\"items\":[{\"name\":\"系统维护\",\"standard\":\"每季度巡检\"}],"
                    + "\"methods\":[\"PHONE\",\"ONSITE\"],\"visitIntervalDays\":90,\"responseHours\":"
                    + (2 + random.nextInt(23)) + "}";
            case CONSULTING -> "\"consulting\":{\"scope\":\"信息化规划与数据治理咨询\",\"qualityRequirements\":\"报告经甲方验收\","
                    + "\"methods\":[\"IN_PERSON\",\"VIDEO\"],\"deliverables\":[\"现状评估报告\",\"规划方案\"]}";
            case INFO_SHARING -> "\"sharedInformation\":{\"categories\":[\"BASIC_INFO\",\"CONTACT_INFO\"],"
                    + "\"containsPersonalInformation\":true,\"containsSensitivePersonalInformation\":false,"
                    + "\"purpose\":\"联合客户服务\",\"crossBorder\":false,\"separateConsentObtained\":true},"
                    + "\"sharingMethods\":[\"API\",\"SFTP\"],\"sharingPeriod\":{\"yearsAfterTermination\":2},"
                    + "\"personalInformation\":{\"processingRole\":\"PROVISION\",\"legalBasis\":\"SEPARATE_CONSENT\","
                    + "\"recipient\":{\"name\":\"乙方数据合规部\",\"contact\":\"dpo@example.com\"},"
                    + "\"processingMethod\":\"加密传输后存储\",\"securityMeasures\":[\"加密\",\"访问控制\"],"
                    + "\"pipiaReference\":\"PIA-2026-001\",\"returnOrDeletion\":\"共享期限届满后30日内删除\"}";
        });
        return json.append('}').toString();
    }

    /** What a saved version keeps: the contract's content without bookkeeping (as Contracts.snapshot). */
    private static String versionContent(String id, String number, ContractType type, String title, String customerId,
                                         String ourEntity, String owner, BigDecimal amount, LocalDate start,
                                         LocalDate end, String status, String terms) {
        return "{\"id\":\"" + id + "\",\"number\":\"" + number + "\",\"type\":\"" + type.name() + "\",\"title\":\""
                + title + "\",\"customerId\":\"" + customerId + "\",\"ourEntityId\":\"" + ourEntity + "\",\"owner\":\""
                + owner + "\"," + (amount == null ? "" : "\"amount\":{\"value\":\"" + amount.toPlainString()
                + "\",\"currency\":\"CNY\"},") + "\"startDate\":\"" + start + "\",\"endDate\":\"" + end
                + "\",\"autoRenew\":false,\"status\":\"" + status + "\",\"terms\":" + terms + ",\"version\":1}";
    }

    /** Every type's terms read as the application reads them, and only with the parts the type may carry. */
    private void checkTerms() {
        var json = JsonMapper.builder().build();
        for (ContractType type : ContractType.values()) {
            String terms = terms(type, today, type.paid() ? new BigDecimal("120000.00") : null);
            var tree = json.readTree(terms);
            json.treeToValue(tree, ContractTerms.class);
            tree.propertyNames().forEach(part -> {
                if (!type.parts().contains(part)) {
                    throw new IllegalStateException(type + " may not carry " + part);
                }
            });
        }
    }

    private static void quote(StringBuilder rows, String value) {
        rows.append('"').append(value.replace("\"", "\"\"")).append('"');
    }

    private static CopyIn copy(Connection connection, String sql) throws SQLException {
        return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    }

    private static void send(CopyIn copy, StringBuilder rows) throws SQLException {
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        rows.setLength(0);
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement(); var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
