/**
 * The FAQ engine's public API: load a {@link dev.timbot.plugins.faq.KnowledgeBase}, build a
 * {@link dev.timbot.plugins.faq.FaqEngine}, and {@link dev.timbot.plugins.faq.FaqEngine#query
 * query} it for an answer / suggest / none {@link dev.timbot.plugins.faq.FaqResult}.
 */
package dev.timbot.plugins.faq;
