import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One POST /api/v1/reminders/batch of N NDJSON lines over a raw socket, full duplex: a writer thread streams the body
 * (chunked) while this thread reads the streamed answer, so neither side waits for the other. Prints lines/s (first byte
 * sent to summary received) and the summary line.
 *
 *   java BatchLoad.java http://127.0.0.1:18091 <admin key> <lines>
 */
public class BatchLoad {

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String admin = args[1];
        long lines = Long.parseLong(args[2]);
        String run = Long.toString(System.currentTimeMillis(), 36);
        var http = HttpClient.newHttpClient();
        var keyAnswer = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/admin/api-keys"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"client\":\"bench-batch-" + run + "\",\"roles\":[\"submitter\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"").matcher(keyAnswer.body());
        if (!m.find()) throw new IllegalStateException("no key issued: " + keyAnswer.statusCode() + " " + keyAnswer.body());
        String key = m.group(1);

        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSendBufferSize(1 << 20);
            socket.setReceiveBufferSize(1 << 20);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            long start = System.nanoTime();
            out.write(("POST /api/v1/reminders/batch HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer " + key
                    + "\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            AtomicLong bytesSent = new AtomicLong();
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    StringBuilder chunk = new StringBuilder(1 << 17);
                    for (long i = 1; i <= lines; i++) {
                        chunk.append(line(run, i)).append('\n');
                        if (chunk.length() > 60_000 || i == lines) {
                            byte[] data = chunk.toString().getBytes(StandardCharsets.UTF_8);
                            out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                            out.write(data);
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                            bytesSent.addAndGet(data.length);
                            chunk.setLength(0);
                        }
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            InputStream in = socket.getInputStream();
            String status = rawLine(in);
            while (!rawLine(in).isEmpty()) { /* headers */ }
            if (!status.contains(" 200 ")) throw new IllegalStateException("answer: " + status);
            long results = 0;
            String summary = null;
            ByteArrayOutputStream pending = new ByteArrayOutputStream();
            while (summary == null) {
                int size = Integer.parseInt(rawLine(in).strip(), 16);
                if (size == 0) break;
                byte[] data = in.readNBytes(size);
                rawLine(in);
                for (byte b : data) {
                    if (b != '\n') {
                        pending.write(b);
                        continue;
                    }
                    String l = pending.toString(StandardCharsets.UTF_8);
                    pending.reset();
                    if (l.startsWith("{\"summary\"")) summary = l;
                    else results++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            writer.join();
            System.out.printf("lines %d, results %d, %.1f s, %.0f lines/s, body %.1f MiB%n", lines, results, seconds, lines / seconds,
                    bytesSent.get() / 1048576.0);
            System.out.println(summary);
        }
    }

    /** Three days ago in Shanghai: the loan facts must agree (daysOverdue is checked against dueDate). */
    static final String DUE = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(3).toString();

    /** A realistic nightly-extract line: its own borrower, loan and phone number (no two lines share one), the PRODUCT.md example otherwise. */
    static String line(String run, long i) {
        String id = run + "-" + i;
        return "{\"requestId\":\"nightly-" + id + "\",\"borrower\":{\"id\":\"B-" + id + "\",\"name\":\"王小明\",\"locale\":\"zh-CN\","
                + "\"timezone\":\"Asia/Shanghai\",\"jurisdiction\":\"CN\",\"phone\":\"+86138" + String.format("%08d", i % 100_000_000)
                + "\",\"email\":\"w" + i + "@example.com\",\"flags\":[]},\"loan\":{\"id\":\"L-" + id + "\",\"creditor\":\"示例银行\","
                + "\"product\":\"个人消费贷\",\"amountDue\":\"1234.50\",\"currency\":\"CNY\",\"dueDate\":\"" + DUE + "\",\"daysOverdue\":3,"
                + "\"riskTier\":\"LOW\",\"hotline\":\"95555\"},\"template\":\"overdue-reminder\",\"channels\":[\"SMS\"],"
                + "\"channelStrategy\":\"FIRST_ALLOWED\"}";
    }

    static String rawLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') if (b != '\r') line.write(b);
        return line.toString(StandardCharsets.US_ASCII);
    }
}
