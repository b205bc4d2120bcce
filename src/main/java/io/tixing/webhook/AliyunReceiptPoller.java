package io.tixing.webhook;

import io.quarkus.scheduler.Scheduled;
import io.tixing.channel.AliyunSmsConfig;
import io.tixing.channel.ChannelRegistry;
import io.tixing.channel.sms.aliyun.AliyunSmsProvider;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Pulls delivery receipts of SENT Alibaba Cloud attempts with QuerySendDetails, for deployments that cannot take the
 * provider's push (or miss some of it). A final receipt goes through the same handler as a pushed one, so the two
 * never apply twice. Attempts are read here, never written: the handler does that.
 */
@ApplicationScoped
public class AliyunReceiptPoller {

    private static final Logger LOG = Logger.getLogger(AliyunReceiptPoller.class);
    private static final int BATCH = 200;

    private final Database db;
    private final Clock clock;
    private final ChannelRegistry channels;
    private final DeliveryStatusHandler statuses;
    private final AliyunSmsConfig config;

    AliyunReceiptPoller(Database db, Clock clock, ChannelRegistry channels, DeliveryStatusHandler statuses, AliyunSmsConfig config) {
        this.db = db;
        this.clock = clock;
        this.channels = channels;
        this.statuses = statuses;
        this.config = config;
    }

    private record Sent(UUID id, String destination, Instant createdAt) {}

    @Scheduled(identity = "aliyun-receipts", every = "${tixing.aliyun-sms.receipt-poll:5m}", delay = 1,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() { pollOnce(); }

    /** @return how many receipts were applied */
    public int pollOnce() {
        var provider = channels.smsRouting().map(r -> r.provider(AliyunSmsProvider.NAME)).orElse(null);
        if (!(provider instanceof AliyunSmsProvider aliyun)) return 0;
        Instant since = clock.instant().minus(config.receiptPollWindow());
        List<Sent> sent = db.inTransaction(c -> {
            List<Sent> out = new ArrayList<>();
            try (var ps = Sql.prepare(c, """
                    SELECT id, destination, created_at FROM attempt
                    WHERE channel = 'SMS' AND status = 'SENT' AND provider_id LIKE 'aliyun:%' AND created_at >= ?
                    ORDER BY created_at LIMIT ?""", since, BATCH); var rs = ps.executeQuery()) {
                while (rs.next()) out.add(new Sent(rs.getObject(1, UUID.class), rs.getString(2), Sql.instant(rs, "created_at")));
            }
            return out;
        });
        int applied = 0;
        for (Sent s : sent) {
            try {
                var detail = aliyun.detail(s.id(), s.destination(), s.createdAt());
                if (detail.isEmpty() || detail.get().status().equals("sent")) continue;
                statuses.apply(s.id(), null, detail.get().status(), detail.get().errorCode(), null, detail.get().at());
                applied++;
            } catch (AliyunSmsProvider.LookupFailed e) {
                LOG.warnf("Alibaba Cloud receipts: QuerySendDetails failed (%s); trying again at the next poll", e.getMessage());
                break;
            }
        }
        return applied;
    }
}
