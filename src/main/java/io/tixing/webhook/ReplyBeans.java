package io.tixing.webhook;

import io.quarkus.runtime.StartupEvent;
import io.tixing.reply.IntentRules;
import io.tixing.reply.ReplyClassifier;
import io.tixing.reply.ReplyIntent;
import io.tixing.reply.ReplyKeywords;
import io.tixing.reply.ReplyRecognizer;
import io.tixing.reply.ShortReply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;

/** Framework wiring for the plain-Java reply recognizer: the keyword files are read once, at start. */
@ApplicationScoped
public class ReplyBeans {

    @Produces
    @Singleton
    ReplyRecognizer replyRecognizer(RepliesConfig config) {
        ReplyKeywords.Source source = source(config);
        ReplyKeywords keywords = ReplyKeywords.load(source, config.locales());
        Logger.getLogger(ReplyBeans.class).infof("reply keywords loaded from %s: %d opt-out, %d opt-in, locales %s",
                config.keywordDirectory().orElse("the shipped lists"), keywords.of(ReplyIntent.OPT_OUT).size(),
                keywords.of(ReplyIntent.OPT_IN).size(), config.locales());
        return new ReplyRecognizer(keywords, new ShortReply(config.shortReplyMaxWords(), config.shortReplyMaxChars()));
    }

    /** The intents beyond opt-out ({@code intents.<locale>.txt}), from the same place as the keyword files. */
    @Produces
    @Singleton
    ReplyClassifier replyClassifier(RepliesConfig config, ReplyRecognizer recognizer) {
        IntentRules rules = IntentRules.load(source(config), config.locales());
        Logger.getLogger(ReplyBeans.class).infof("reply intent phrases loaded: %d", rules.size());
        return new ReplyClassifier(recognizer, rules);
    }

    private static ReplyKeywords.Source source(RepliesConfig config) {
        return config.keywordDirectory().map(dir -> {
            Path path = Path.of(dir);
            if (!Files.isDirectory(path)) {
                throw new io.tixing.reply.MalformedKeywordFile("tixing.replies.keyword-directory " + dir + " is not a directory");
            }
            return ReplyKeywords.directory(path);
        }).orElse(ReplyKeywords.classpath(ReplyBeans.class.getClassLoader(), "replies"));
    }

    /** Reads the files at start, so a malformed one stops start-up instead of the first inbound message. */
    void loadAtStart(@Observes StartupEvent event, ReplyRecognizer recognizer, ReplyClassifier classifier) {
        // Injecting the singleton is enough: its producer has run.
    }
}
