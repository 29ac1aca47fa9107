#!/usr/bin/perl
# Baseline: MARC::Record (Debian libmarc-record-perl, the parser Koha uses) reading 245$a of every record.
use strict;
use warnings;
use MARC::Batch;
my $batch = MARC::Batch->new('USMARC', $ARGV[0]);
$batch->strict_off();
$batch->warnings_off();
my ($n, $len) = (0, 0);
while (my $record = $batch->next) {
    my $title = $record->field('245');
    my $a = $title ? $title->subfield('a') : undef;
    $len += length($a // '');
    $n++;
}
print "$n records\n";
