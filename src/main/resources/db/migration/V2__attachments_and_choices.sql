-- Media and locations people send, and the buttons or lists wabot sends, as JSON beside the text.
ALTER TABLE inbox ADD COLUMN attachment TEXT;     -- {"type":"image","media_id":...} or {"latitude":...}; null for text
ALTER TABLE outbox ADD COLUMN choices TEXT;       -- {"style":"BUTTONS","button":null,"options":[...]}; null for text
