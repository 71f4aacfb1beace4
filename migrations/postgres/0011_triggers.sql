-- The subject of an email message, when a CustomMessage trigger set one (null: the default
-- subject of the message's kind).
alter table messages add column subject text;
