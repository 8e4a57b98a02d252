-- The heartbeat database of distreboot, beside Temporal's own.
CREATE USER distreboot WITH PASSWORD 'distreboot';
CREATE DATABASE distreboot OWNER distreboot;
