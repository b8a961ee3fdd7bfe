/** Implementation details (Lucene index, analysis, file readers); not API, may change at any time. */
package dev.timbot.plugins.faq.internal;
