-- Paged sources: how many pages one fetch may read, and the pause between pages (politeness).
ALTER TABLE sources ADD COLUMN max_pages INTEGER DEFAULT 10;
ALTER TABLE sources ADD COLUMN page_delay_ms INTEGER DEFAULT 500;
