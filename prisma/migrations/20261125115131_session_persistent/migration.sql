-- AlterTable
ALTER TABLE "sessions" ADD COLUMN     "persistent" BOOLEAN NOT NULL DEFAULT false;
