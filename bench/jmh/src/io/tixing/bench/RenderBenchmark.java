package io.tixing.bench;

import io.tixing.policy.BorrowerFlag;
import io.tixing.policy.ChannelType;
import io.tixing.template.MessageData;
import io.tixing.template.RenderRequest;
import io.tixing.template.RenderResult;
import io.tixing.template.TemplateCatalog;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;

/**
 * One render of the overdue-reminder SMS (zh-CN) from the loaded (parsed, cached) catalog: locale chain, fact
 * formatting (money, date, masked name), FreeMarker, banned-phrase scan, required elements, SMS segments.
 * One thread: the figure is renders per second per core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx512m"})
@Threads(1)
public class RenderBenchmark {

    TemplateCatalog catalog;
    RenderRequest sms;

    @Setup
    public void load() {
        catalog = TemplateCatalog.load(Path.of(System.getProperty("tixing.templates.dir", "templates")));
        sms = new RenderRequest("overdue-reminder", ChannelType.SMS, "zh-CN", "CN", EnumSet.noneOf(BorrowerFlag.class),
                new MessageData("王小明", "示例银行", "个人消费贷", new BigDecimal("1234.50"), "CNY", LocalDate.of(2026, 11, 20), 3, "95555", "L-77"));
        if (!(catalog.render(sms) instanceof RenderResult.Rendered)) throw new IllegalStateException("the SMS does not render: " + catalog.render(sms));
    }

    @Benchmark
    @org.openjdk.jmh.annotations.OutputTimeUnit(TimeUnit.SECONDS)
    public RenderResult renderCachedSms() {
        return catalog.render(sms);
    }
}
